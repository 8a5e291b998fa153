package initcase

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // image.Decode: scanned papers
	_ "image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"appealpacket/internal/regularfile"
	"appealpacket/packet/collect"
	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
	"appealpacket/packet/pdfsrc"
	"appealpacket/packet/statement"
)

// Limits on the scan of a case folder.
const (
	maxFiles    = 10000     // files looked at; more means the wrong folder
	maxFileSize = 512 << 20 // larger files are not read
)

// Role is where a scanned file goes in case.yaml.
type Role int

const (
	Unlisted  Role = iota // not a picture or PDF: mentioned in a comment only
	Original              // photos: a camera original
	Candidate             // listings[].images: a picture without camera EXIF
	Document              // trademarks, authorizations or documents, by Class
	Listed                // named in the case.yaml init adds to: left as it is
)

// File is one file found in the case folder, and what init made of it.
type File struct {
	Rel    string // slash-separated, relative to the case folder
	Format string // "JPEG", "PNG", "WEBP", "HEIC", "TIFF", "PDF", or "" for other files
	Role   Role
	Class  Class  // for documents
	Cue    string // the word that decided the class
	ByText bool   // the cue is from the PDF's text, not the file name
	Meta   *exif.Meta
	// Camera and Day group the originals: "Canon EOS 90D", "2023-10-14".
	Camera, Day string
	// Match is a candidate listing picture's closest original, when
	// Matched; Original indexes Scan.Files.
	Match    match.Match
	Matched  bool
	Original int
	Note     string // a problem met (cannot decode, no text layer ...)
	// Text is a paper's text: its PDF text layer, or the OCR of a scan.
	Text string
	// NotOriginal says why a picture whose EXIF names a camera is not
	// that camera's original file (resized, cropped, re-saved by an
	// editor: see evidence.Originality); such a picture is a Candidate.
	NotOriginal []evidence.Sign

	abs         string
	fingerprint match.Fingerprint
	fpErr       error
}

// Scan is what a case folder holds.
type Scan struct {
	Files []*File
	// Skipped lists what was left out and why, for the report: hidden
	// files, appealpacket's own outputs, links, folders of other cases.
	Skipped []string
}

var outputName = regexp.MustCompile(`(?i)(-packet(-part\d+-of-\d+)?\.pdf|-index\.xlsx)$`)

// isOutput reports whether name is a file appealpacket writes: a packet
// (or a part of one), an index, a batch summary or a letter.
func isOutput(name string) bool {
	lower := strings.ToLower(name)
	if outputName.MatchString(name) || lower == "summary.json" || lower == "summary.xlsx" {
		return true
	}
	for _, k := range statement.LetterKinds {
		if strings.HasSuffix(lower, "-"+k+".pdf") {
			return true
		}
	}
	return false
}

// ScanDir walks dir and classifies every file (see the package
// documentation). Files are opened read-only. With ocr, scanned papers are
// read by OCR (see package doctext).
//
// progress, when not nil, is told how far each step is: "reading files"
// (every file), then "reading pictures" (the pictures' pixels, to compare
// them); it may be called from several goroutines.
func ScanDir(ctx context.Context, dir string, workers int, ocr *doctext.Tesseract, progress func(step string, done, total int)) (*Scan, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	// Walk the folder a link points to, as manifest.Load resolves it.
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	s := &Scan{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			s.Skipped = append(s.Skipped, fmt.Sprintf("%s: %v", p, err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		name := d.Name()
		switch {
		case strings.HasPrefix(name, "."):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			if _, err := os.Lstat(filepath.Join(p, manifest.FileName)); err == nil {
				s.Skipped = append(s.Skipped, rel+"/: holds its own "+manifest.FileName+" (another case)")
				return fs.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			s.Skipped = append(s.Skipped, rel+": a link (link targets are not listed; copy the file in)")
			return nil
		case !d.Type().IsRegular():
			return nil
		case rel == manifest.FileName, rel == BackupName:
			return nil
		case isOutput(name):
			s.Skipped = append(s.Skipped, rel+": written by appealpacket")
			return nil
		}
		if len(s.Files) >= maxFiles {
			return fmt.Errorf("%s holds more than %d files: is it the right folder?", dir, maxFiles)
		}
		s.Files = append(s.Files, &File{Rel: rel, abs: p})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(s.Files, func(a, b *File) int { return strings.Compare(a.Rel, b.Rel) })
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var read atomic.Int64
	progress("reading files", 0, len(s.Files))
	if err := parallel(ctx, len(s.Files), workers, func(i int) {
		classify(ctx, s.Files[i], ocr)
		progress("reading files", int(read.Add(1)), len(s.Files))
	}); err != nil {
		return nil, err
	}
	if err := collectPictures(ctx, s, workers, progress); err != nil {
		return nil, err
	}
	if err := matchCandidates(ctx, s, workers); err != nil {
		return nil, err
	}
	return s, nil
}

// parallel runs fn(0..n-1) on up to workers goroutines.
func parallel(ctx context.Context, n, workers int, fn func(i int)) error {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				fn(i)
			}
		}()
	}
feed:
	for i := range n {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return ctx.Err()
}

// readFile reads a file opened read-only when it is a picture or a PDF
// under the size a build reads (collect.MaxPictureBytes, MaxPDFBytes);
// of any other file, only its first bytes, to name its format.
func readFile(name string) (data []byte, format string, err error) {
	f, size, err := regularfile.Open(name, maxFileSize)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	var head [64]byte
	n, _ := f.ReadAt(head[:], 0)
	format = collect.Sniff(head[:n])
	switch {
	case format == "":
		return nil, "", nil
	case format == "PDF" && size > collect.MaxPDFBytes, format != "PDF" && size > collect.MaxPictureBytes:
		return nil, format, fmt.Errorf("%s is %d MB, larger than a build reads: %w", name, size>>20, evidence.ErrTooLarge)
	}
	data, err = regularfile.ReadOpen(f, name, size, maxFileSize)
	return data, format, err
}

// classify reads one file and decides its role. A paper's text is kept:
// the PDF's text layer, or with ocr the OCR of a scan (an image-only PDF,
// a picture whose name says it is a paper, or a picture without a camera
// that looks like a page of text and whose text says what paper it is).
func classify(ctx context.Context, f *File, ocr *doctext.Tesseract) {
	data, format, err := readFile(f.abs)
	if err != nil {
		f.Note = "not read: " + err.Error()
		return
	}
	f.Format = format
	switch f.Format {
	case "":
		if manifest.IsImageName(f.Rel) {
			f.Note = "not a picture appealpacket can read (JPEG, HEIC, PNG, WebP, TIFF)"
		}
		return
	case "PDF":
		f.Role = Document
		text, err := pdfsrc.Text(ctx, data)
		if err != nil {
			f.Note = "its text could not be read: " + err.Error()
		}
		if strings.TrimSpace(text) == "" && err == nil && ocr != nil {
			if src, err := pdfsrc.Open(data, ""); err == nil {
				if t, err := doctext.PDF(ctx, src, ocr); err == nil {
					text = t.Content
				}
			}
		}
		f.Text = text
		if c, cue, ok := ClassifyText(text); ok {
			f.Class, f.Cue, f.ByText = c, cue, true
			return
		}
		if strings.TrimSpace(text) == "" && err == nil {
			f.Note = "no text layer (a scan?)"
		}
		f.Class, f.Cue, _ = ClassifyName(f.Rel)
		return
	}
	// A picture.
	meta, err := exif.Read(data)
	if err == nil {
		f.Meta = meta
	}
	if c, cue, ok := ClassifyName(f.Rel); ok {
		f.Role, f.Class, f.Cue = Document, c, cue // a scan or a screenshot of a paper
		if ocr != nil {
			if img, _, err := image.Decode(bytes.NewReader(data)); err == nil {
				if t, err := doctext.Picture(ctx, img, ocr); err == nil {
					f.Text = t.Content
				}
			}
		}
		return
	}
	cam, day, ok := camera(meta)
	if ok {
		f.Role, f.Camera, f.Day = Original, cam, day
		return
	}
	f.Role = Candidate
	// A picture without a camera whose name says nothing ("scan0001.png")
	// may still be a scanned paper: one that looks like a page of text is
	// read, and filed as a paper when its text says which.
	if ocr == nil {
		return
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width*cfg.Height > maxPaperPixels {
		return
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil || !LooksLikePaper(img) {
		return
	}
	t, err := doctext.Picture(ctx, img, ocr)
	if err != nil {
		return
	}
	if c, cue, ok := ClassifyText(t.Content); ok {
		f.Role, f.Class, f.Cue, f.ByText, f.Text = Document, c, cue, true, t.Content
	}
}

// maxPaperPixels bounds the pictures init decodes to see whether they are
// a scanned paper: an A4 page at 600 dpi is 35 megapixels.
const maxPaperPixels = 40_000_000

// LooksLikePaper reports whether img looks like a page of text: nearly all
// of it without colour, most of it light, and some of it dark in thin
// strokes (text), not in solid shapes, on three lines or more. A product
// photo, even on a white background, has colour, a solid dark shape or
// one word on it; a screenshot of a shop has coloured bars and pictures.
// It looks at 10,000 pixels on a grid.
func LooksLikePaper(img image.Image) bool {
	s := paperStats(img)
	return s.n > 0 && s.colour*100 <= s.n*3 && s.light*100 >= s.n*60 && s.dark*1000 >= s.n && s.dark*100 <= s.n*25 &&
		s.darkPairs*100 <= s.dark*50 && s.lines >= 3
}

// paperCounts counts a picture's sampled pixels: n sampled, colour (not
// grey), light, dark, and darkPairs, dark with a dark right neighbour;
// lines counts the runs of grid rows with dark pixels, between rows
// without (lines of text).
type paperCounts struct{ n, colour, light, dark, darkPairs, lines int }

func paperStats(img image.Image) paperCounts {
	var c paperCounts
	b := img.Bounds()
	if b.Dx() < 200 || b.Dy() < 200 {
		return c
	}
	const grid = 100
	at := func(i, j int) (hi, lo, y uint32) {
		r, g, bl, _ := img.At(b.Min.X+(2*i+1)*b.Dx()/(2*grid), b.Min.Y+(2*j+1)*b.Dy()/(2*grid)).RGBA()
		r, g, bl = r>>8, g>>8, bl>>8
		return max(r, g, bl), min(r, g, bl), (299*r + 587*g + 114*bl) / 1000
	}
	rowBefore := false // the row before had a dark pixel
	for j := range grid {
		prevDark, row := false, false
		for i := range grid {
			hi, lo, y := at(i, j)
			c.n++
			if hi-lo > 32 {
				c.colour++
			}
			if y >= 180 {
				c.light++
			}
			dark := y < 110
			if dark {
				c.dark++
				if prevDark {
					c.darkPairs++
				}
			}
			prevDark = dark
			row = row || dark
		}
		if row && !rowBefore {
			c.lines++
		}
		rowBefore = row
	}
	return c
}

// camera returns the camera and the day a picture was taken, when its EXIF
// names both a camera (Make or Model) and a capture time: a camera
// original, not a screenshot or a download.
func camera(m *exif.Meta) (cam, day string, ok bool) {
	if m == nil || !m.HasEXIF {
		return "", "", false
	}
	cam = m.Camera()
	t, ok := m.CaptureTime()
	if cam == "" || !ok {
		return "", "", false
	}
	return cam, t.Format(time.DateOnly), true
}

// collectPictures reads the candidate listing pictures and the originals
// the way a build does (one HEIC at a time, pixel limit), without keeping
// anything: their fingerprints, and whether each original is the camera's
// own file. An original that is not (resized, cropped, saved again by an
// editor) becomes a candidate listing picture: presented as an original,
// it would sink the appeal.
func collectPictures(ctx context.Context, s *Scan, workers int, progress func(string, int, int)) error {
	var todo []int
	for i, f := range s.Files {
		if f.Role == Original || f.Role == Candidate {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	reqs := make([]collect.Request, len(todo))
	for k, i := range todo {
		f := s.Files[i]
		role := evidence.Photo
		if f.Role == Candidate {
			role = evidence.ListingImage
		}
		reqs[k] = collect.Request{Path: manifest.Path{Raw: f.Rel, Rel: f.Rel, Abs: f.abs}, Role: role}
	}
	var done atomic.Int64
	progress("reading pictures", 0, len(reqs))
	items, err := collect.Run(ctx, reqs, collect.Options{Workers: workers, OnFile: func(string) {
		progress("reading pictures", int(done.Add(1)), len(reqs))
	}})
	if err != nil {
		return err
	}
	for k, i := range todo {
		f, it := s.Files[i], items[k]
		switch {
		case it.Err != nil:
			f.fpErr = it.Err
		case it.Fingerprint.IsZero():
			f.fpErr = fmt.Errorf("cannot be compared: %s", strings.Join(it.Notes, "; "))
		default:
			f.fingerprint = it.Fingerprint
		}
		if o := it.Originality; f.Role == Original && o != nil && o.Derived {
			f.Role, f.NotOriginal = Candidate, o.Reasons
		}
	}
	return nil
}

// matchCandidates finds each candidate's closest original by fingerprint.
func matchCandidates(ctx context.Context, s *Scan, workers int) error {
	var fps []match.Fingerprint
	var idx, candidates []int
	for i, f := range s.Files {
		switch {
		case f.Role == Original && f.fpErr == nil:
			fps = append(fps, f.fingerprint)
			idx = append(idx, i)
		case f.Role == Candidate:
			candidates = append(candidates, i)
		}
	}
	if len(fps) == 0 || len(candidates) == 0 {
		return nil
	}
	return parallel(ctx, len(candidates), workers, func(k int) {
		f := s.Files[candidates[k]]
		if f.fpErr != nil {
			return
		}
		if m, ok := match.Best(f.fingerprint, fps); ok {
			f.Match, f.Matched, f.Original = m, true, idx[m.Index]
		}
	})
}
