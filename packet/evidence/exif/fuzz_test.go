package exif

import (
	"appealpacket/internal/testcorpus"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// Bounds every fuzzed call must keep (the inputs are at most a few MB).
// A call takes microseconds to milliseconds; the time bound is wide because
// fuzz workers share two cores with other jobs, and is there to catch hangs.
const (
	fuzzMaxAlloc = 64 << 20
	fuzzMaxTime  = 10 * time.Second
)

// bounded runs fn and fails if it allocates more than fuzzMaxAlloc bytes or
// runs longer than fuzzMaxTime. Each fuzz worker is its own process running
// one input at a time, so the process-wide allocation counter measures fn.
func bounded(t *testing.T, fn func()) {
	t.Helper()
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	before := sample[0].Value.Uint64()
	start := time.Now()
	fn()
	elapsed := time.Since(start)
	metrics.Read(sample)
	if a := sample[0].Value.Uint64() - before; a > fuzzMaxAlloc {
		t.Fatalf("allocated %d bytes", a)
	}
	if elapsed > fuzzMaxTime {
		t.Fatalf("took %v", elapsed)
	}
}

// addCorpusSeeds adds the corpus images whose names pass keep: whole when
// small, else their first 64 KiB (where the metadata usually is).
func addCorpusSeeds(f *testing.F, keep func(name string) bool) {
	dir := testcorpus.Find()
	if dir == "" {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !imageExt[strings.ToLower(filepath.Ext(name))] || !keep(name) {
			continue
		}
		data, err := readHead(filepath.Join(dir, name), 256<<10+1)
		if err != nil {
			continue
		}
		if len(data) > 256<<10 {
			data = data[:64<<10]
		}
		f.Add(data)
	}
}

// readHead returns the first n bytes of a file (all of it when shorter):
// the seeds need the metadata at a file's start, and reading whole corpus
// photos, several MB each, for every fuzz target made the test binary's
// memory churn (page faults) cost more than its tests.
func readHead(name string, n int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	b := make([]byte, min(st.Size(), n)) // io.ReadAll would grow a buffer to n, copying
	_, err = io.ReadFull(f, b)
	return b, err
}

func hasExt(exts ...string) func(string) bool {
	return func(name string) bool {
		for _, e := range exts {
			if strings.HasSuffix(strings.ToLower(name), e) {
				return true
			}
		}
		return false
	}
}

// checkMeta asserts the invariants of a Meta returned by Read.
func checkMeta(t *testing.T, m *Meta) {
	t.Helper()
	for _, w := range m.Warnings {
		if strings.Contains(w, "internal error") || strings.Contains(w, "decoder panicked") {
			t.Fatalf("a panic was recovered: %s", w)
		}
	}
	if m.Orientation < 0 || m.Orientation > 8 {
		t.Fatalf("Orientation %d", m.Orientation)
	}
	if g := m.GPS; g != nil {
		if math.Abs(g.Latitude) > 90 || math.Abs(g.Longitude) > 180 || math.IsNaN(g.Latitude) || math.IsNaN(g.Longitude) {
			t.Fatalf("GPS %+v", g)
		}
		if g.Altitude != nil && !finite(*g.Altitude) {
			t.Fatalf("altitude %v", *g.Altitude)
		}
	}
	if h := m.ImageDataHash; h != "" && len(h) != 64 {
		t.Fatalf("ImageDataHash %q", h)
	}
	if m.ImageWidth < 0 || m.ImageHeight < 0 {
		t.Fatalf("size %dx%d", m.ImageWidth, m.ImageHeight)
	}
	if m.OffsetTimeOriginal != "" {
		if _, ok := parseOffset(m.OffsetTimeOriginal); !ok {
			t.Fatalf("OffsetTimeOriginal %q", m.OffsetTimeOriginal)
		}
	}
	m.CaptureTime()
	m.ExifToolFields()
}

// FuzzRead feeds whole files to Read and Dimensions.
func FuzzRead(f *testing.F) {
	addCorpusSeeds(f, func(string) bool { return true })
	block := fullExif(le)
	f.Add(buildJPEG(f, exifAPP1(block)))
	f.Add(buildPNG(f, true, pngChunk("eXIf", block)))
	f.Add(buildWebP(4, 4, block, []byte{1, 2, 3}))
	f.Add(buildHEIC(heicOptions{width: 4, height: 4, coded: []byte("x"), exif: block, ilocVersion: 1}))
	f.Add(le.encode(&tIFD{entries: []tEntry{le.long(tagImageWidth, 2), le.long(tagImageLength, 2), le.long(tagStripOffsets, 0), le.long(tagStripByteCounts, 8)}}))
	for _, hb := range hostileBlocks() {
		f.Add(buildJPEG(f, exifAPP1(hb.block)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		bounded(t, func() {
			m, err := Read(data)
			if (m == nil) == (err == nil) {
				t.Fatalf("Read = %v, %v", m, err)
			}
			if err != nil {
				if !errors.Is(err, ErrUnrecognized) {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			checkMeta(t, m)
			w, h, ft, err := Dimensions(data)
			if ft != m.FileType {
				t.Fatalf("Dimensions file type %q, Read %q", ft, m.FileType)
			}
			if m.ImageWidth > 0 && m.ImageHeight > 0 && (err != nil || w != m.ImageWidth || h != m.ImageHeight) {
				t.Fatalf("Dimensions %dx%d %v, Read %dx%d", w, h, err, m.ImageWidth, m.ImageHeight)
			}
		})
	})
}

// FuzzJPEG feeds the JPEG segment walker, then the EXIF it finds to the
// guard and the decoder.
func FuzzJPEG(f *testing.F) {
	addCorpusSeeds(f, hasExt(".jpg", ".jpeg"))
	f.Add(buildJPEG(f, xmpAPP1("<x/>"), exifAPP1(fullExif(be))))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		bounded(t, func() {
			var warns []string
			warnf := func(string, ...any) { warns = append(warns, "w") }
			s := scanJPEG(data, true, false, warnf)
			if s.hash != "" && len(s.hash) != 64 || s.width < 0 || s.height < 0 {
				t.Fatalf("scan %+v", s)
			}
			if len(s.exif) > len(data) {
				t.Fatalf("EXIF block larger than the file")
			}
			if d := scanJPEG(data, false, true, warnf); s.width > 0 && (d.width != s.width || d.height != s.height) {
				t.Fatalf("stopAtSOF size %dx%d, full walk %dx%d", d.width, d.height, s.width, s.height)
			}
			if s.exif != nil {
				m := &Meta{}
				readExifBlock(s.exif, m)
				checkMeta(t, m)
			}
		})
	})
}

// FuzzTIFFGuard feeds raw EXIF (TIFF) blocks to the guard, the rebuild and
// goexif. The rebuilt block must itself pass the guard without a warning
// and keep every whitelisted entry.
func FuzzTIFFGuard(f *testing.F) {
	f.Add(fullExif(le))
	f.Add(fullExif(be))
	for _, hb := range hostileBlocks() {
		f.Add(hb.block)
	}
	f.Fuzz(func(t *testing.T, block []byte) {
		bounded(t, func() {
			m := &Meta{}
			readExifBlock(block, m)
			checkMeta(t, m)

			g, err := checkTIFF(block, func(string, ...any) {})
			if err != nil {
				return
			}
			clean, _ := g.cleanBlock(func(string, ...any) {})
			var warns []string
			g2, err := checkTIFF(clean, func(format string, args ...any) { warns = append(warns, format) })
			if err != nil || len(warns) > 0 {
				t.Fatalf("rebuilt block fails the guard: %v %q", err, warns)
			}
			count := func(g *tiffGuard) int {
				n := 0
				for _, d := range []*tiffDir{g.ifd0, g.exif, g.gps} {
					if d != nil {
						for tag := range d.entries {
							if tag != tagExifIFD && tag != tagGPSIFD {
								n++
							}
						}
					}
				}
				return n
			}
			clean2, _ := g2.cleanBlock(func(string, ...any) {})
			if g3, err := checkTIFF(clean2, func(string, ...any) {}); err != nil || count(g3) != count(g2) {
				t.Fatalf("rebuild is not stable: %v", err)
			}
		})
	})
}

// FuzzHEIF feeds the ISOBMFF box reader.
func FuzzHEIF(f *testing.F) {
	addCorpusSeeds(f, hasExt(".heic", ".heif", ".avif"))
	block := fullExif(be)
	f.Add(buildHEIC(heicOptions{width: 4, height: 4, coded: []byte("x"), exif: block}))
	f.Add(buildHEIC(heicOptions{width: 4, height: 4, coded: []byte("x"), exif: block, exifAtEnd: true, ilocVersion: 2}))
	f.Fuzz(func(t *testing.T, data []byte) {
		bounded(t, func() {
			s := scanHEIF(data, true, func(string, ...any) {})
			if len(s.exif) > MaxExifBlock || s.hash != "" && len(s.hash) != 64 {
				t.Fatalf("exif %d bytes, hash %q", len(s.exif), s.hash)
			}
			if s.exif != nil {
				m := &Meta{}
				readExifBlock(s.exif, m)
				checkMeta(t, m)
			}
		})
	})
}

// FuzzPNG feeds the PNG chunk reader (the signature is supplied).
func FuzzPNG(f *testing.F) {
	addCorpusSeeds(f, hasExt(".png"))
	f.Add(buildPNG(f, false, pngChunk("eXIf", fullExif(le)), pngChunk("tIME", []byte{7, 228, 5, 20, 19, 37, 26})))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 8 {
			return
		}
		data = append([]byte("\x89PNG\r\n\x1a\n"), data[8:]...)
		bounded(t, func() {
			s := scanPNG(data, true, func(string, ...any) {})
			if len(s.exif) > MaxExifBlock || s.hash != "" && len(s.hash) != 64 {
				t.Fatalf("exif %d bytes, hash %q", len(s.exif), s.hash)
			}
			m, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			checkMeta(t, m)
		})
	})
}

// FuzzWebP feeds the RIFF chunk reader (the magic is supplied).
func FuzzWebP(f *testing.F) {
	addCorpusSeeds(f, hasExt(".webp"))
	f.Add(buildWebP(3, 5, fullExif(be), []byte{1}))
	f.Add(buildWebP(3, 5, nil, []byte{1, 2}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 12 {
			return
		}
		data = append([]byte(nil), data...)
		copy(data, "RIFF")
		copy(data[8:], "WEBP")
		bounded(t, func() {
			s := scanWebP(data, true, func(string, ...any) {})
			if s.width < 0 || s.height < 0 || s.width > 1<<24 || s.height > 1<<24 {
				t.Fatalf("size %dx%d", s.width, s.height)
			}
			if le := binary.LittleEndian.Uint32(data[4:]); uint64(le)+8 <= uint64(len(data)) && len(s.exif) > int(le) {
				t.Fatalf("EXIF of %d bytes in a RIFF of %d", len(s.exif), le)
			}
			m, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			checkMeta(t, m)
		})
	})
}
