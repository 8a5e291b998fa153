// Package collect reads each file of a case once and fills its
// evidence.Item: its size and SHA-256; for pictures their EXIF metadata,
// originality, fingerprint, Content Credentials and a display copy sized
// for the PDF (decoding JPEG, HEIC, PNG, WebP and TIFF); for papers their
// PDF, text (OCR for scans) and digital signatures.
// Work runs on a bounded pool of goroutines, within a memory budget for the
// files being read and decoded at once (see budget.go: files are read
// whole only when they are pictures or PDFs under their size bound, and a
// picture is decoded only when its decoding fits); display copies are
// written to files in a work folder, so memory does not grow with the
// number of photos.
package collect

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"time"

	"appealpacket/internal/digest"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/cache"
	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/c2pa"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
	"appealpacket/packet/pdfsrc"
)

// Options tune Run. The zero value is usable except for WorkDir.
type Options struct {
	Workers     int    // parallel reads; default runtime.NumCPU()
	WorkDir     string // where display copies are written (required)
	DisplaySide int    // long side of pictures kept for display, in pixels; default 1600
	MaxPixels   int    // refuse to decode pictures larger than this; default 120 MP
	MaxFileSize int64  // refuse to hash files larger than this; default 1 GiB
	// Memory bounds, by estimate, the memory of the files being read and
	// decoded at once (see budget.go); default DefaultMemory.
	Memory      int64
	PDFPassword string // user password of encrypted PDFs, if any
	// OCR, when set, reads the text of scanned papers (see package
	// doctext); without it, scans have no text.
	OCR    *doctext.Tesseract
	Logger *slog.Logger
	// Cache, when set, keeps per-file work between builds.
	Cache *cache.Cache
	// Masters keeps each picture at display size in WorkDir, so that
	// Encoder.Encode need not decode the original again.
	Masters bool
	// OnFile, when set, is called after each file is read (from the worker
	// goroutines), with its path relative to the case folder.
	OnFile func(rel string)

	// Now is the date certificates of Content Credentials without a
	// time-stamp are checked at: the packet's date, so that a build is
	// reproducible; zero means today.
	Now time.Time
	// C2PATrust are the roots of trusted Content Credentials signers (see
	// c2pa.Options.TrustAnchors); nil: none. C2PATrustID names them (the
	// trust list's hash), so that the cache keeps one result per list.
	C2PATrust   *x509.CertPool
	C2PATrustID string

	heicSlot chan struct{}   // one HEIC decode at a time within a Run
	ctx      context.Context // the Run's, for OCR
	budget   *budget         // Memory, shared by the workers
}

// context is the Run's context, for waits and OCR.
func (o *Options) context() context.Context {
	if o.ctx == nil {
		return context.Background()
	}
	return o.ctx
}

// hashOnly fills the size and SHA-256 of a file that is not read whole,
// hashing it as a stream, and sets err as the item's error.
func hashOnly(it *evidence.Item, f io.Reader, err error) {
	it.Pages = 1
	sum, n, herr := digest.Reader(f)
	if herr != nil {
		it.Err = fmt.Errorf("read %s: %w", it.Path.Rel, herr)
		return
	}
	it.SHA256, it.Size, it.Err = sum, n, err
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.DisplaySide <= 0 {
		o.DisplaySide = 1600
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = 120_000_000
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 1 << 30
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Memory <= 0 {
		o.Memory = DefaultMemory
	}
	o.heicSlot = make(chan struct{}, 1)
	o.budget = newBudget(o.Memory)
}

// Request names one file to collect.
type Request struct {
	Path manifest.Path
	Role evidence.Role
}

// Run reads every requested file once and returns one item per request,
// in request order. A file requested twice (same Rel path) is read once and
// its item shared. Per-file failures are reported in Item.Err, never as an
// error; the error is only for a cancelled context or an unusable WorkDir.
func Run(ctx context.Context, reqs []Request, opts Options) ([]*evidence.Item, error) {
	opts.defaults()
	opts.ctx = ctx
	if opts.Masters && opts.WorkDir == "" {
		return nil, errors.New("evidence: no work folder for display copies")
	}
	items := make([]*evidence.Item, len(reqs))
	first := map[string]int{} // Rel -> index of the request that reads it
	var jobs []int
	for i, r := range reqs {
		if r.Path.Abs == "" {
			items[i] = &evidence.Item{Path: r.Path, Role: r.Role, Err: errors.New("not resolved inside the case folder")}
			continue
		}
		if j, ok := first[r.Path.Rel]; ok && reqs[j].Role == r.Role {
			continue
		}
		first[r.Path.Rel] = i
		jobs = append(jobs, i)
	}

	work := make(chan int)
	var wg sync.WaitGroup
	for range min(opts.Workers, max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				items[i] = collectOne(reqs[i], &opts)
				if opts.OnFile != nil {
					opts.OnFile(reqs[i].Path.Rel)
				}
			}
		}()
	}
feed:
	for _, i := range jobs {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, r := range reqs {
		if items[i] == nil {
			items[i] = items[first[r.Path.Rel]]
		}
	}
	return items, nil
}

// collectOne never panics: a panic in a decoder becomes the item's error.
func collectOne(r Request, opts *Options) (it *evidence.Item) {
	it = &evidence.Item{Path: r.Path, Role: r.Role}
	defer func() {
		if p := recover(); p != nil {
			it.Err = fmt.Errorf("%s: internal error while reading: %v", r.Path.Rel, p)
		}
	}()
	picture := r.Role == evidence.Photo || r.Role == evidence.ListingImage
	var fi fs.FileInfo
	if opts.Cache != nil && picture {
		if fi, _ = os.Stat(r.Path.Abs); fi != nil {
			if sum, ok := opts.Cache.Sum(r.Path.Abs, fi); ok && fromCache(it, sum, opts) {
				return it
			}
		}
	}
	f, size, err := regularfile.Open(r.Path.Abs, opts.MaxFileSize)
	if err != nil {
		it.Err = err
		return it
	}
	defer f.Close()
	if size == 0 {
		it.Err = fmt.Errorf("%s is empty (0 bytes)", r.Path.Rel)
		return it
	}
	var head [64]byte
	n, _ := f.ReadAt(head[:], 0)
	format := Sniff(head[:n])
	// What reading the file costs (see budget.go): pictures and PDFs under
	// their bound are read whole and decoded; any other file is hashed as
	// a stream.
	var cost int64
	var hdr pictureHeader
	switch format {
	case "":
	case "PDF":
		if !picture && size <= MaxPDFBytes {
			cost = pdfCost * size
		} else if !picture {
			hashOnly(it, f, tooLarge(r.Path.Rel, "PDF document", size, MaxPDFBytes))
			return it
		}
	default:
		if size > MaxPictureBytes {
			hashOnly(it, f, tooLarge(r.Path.Rel, "picture", size, MaxPictureBytes))
			return it
		}
		cost = size
		var ok bool
		if hdr, ok = decodeCost(format, f, size, opts.DisplaySide); !ok {
			hdr.Cost = opts.budget.total - size // unknown: the decoder takes the rest
		}
		if int64(hdr.Width)*int64(hdr.Height) <= int64(opts.MaxPixels) && size+hdr.Cost <= opts.budget.total {
			cost += hdr.Cost
			if !picture && opts.OCR != nil {
				cost += hdr.Cost // decoded again for OCR
			}
		}
	}
	if cost == 0 {
		hashOnly(it, f, nil)
		if it.Err == nil {
			it.Pages = 1
			if picture {
				it.Err = fmt.Errorf("%s is not a picture appealpacket can read (JPEG, HEIC, PNG, WebP, TIFF): %w", r.Path.Rel, evidence.ErrWrongType)
			} else {
				it.Err = fmt.Errorf("%s is neither a PDF nor a picture (JPEG, HEIC, PNG, WebP, TIFF): a reviewer could not open it in the packet: %w", r.Path.Rel, evidence.ErrWrongType)
			}
			if format == "PDF" {
				it.Format = format
				it.Err = fmt.Errorf("%s is a PDF document, not a picture, whatever its name: %w", r.Path.Rel, evidence.ErrWrongType)
			}
		}
		return it
	}
	if err := opts.budget.acquire(opts.context(), cost); err != nil {
		it.Err = err
		return it
	}
	defer opts.budget.release(cost)
	data, err := regularfile.ReadOpen(f, r.Path.Abs, size, opts.MaxFileSize)
	if err != nil {
		it.Err = err
		return it
	}
	it.Size = int64(len(data))
	it.SHA256 = digest.Hex(data)
	if opts.Cache != nil && picture {
		if fi != nil {
			opts.Cache.SetSum(r.Path.Abs, fi, it.SHA256)
		}
		if fromCache(it, it.SHA256, opts) {
			return it
		}
		defer toCache(it, opts)
	}
	it.Format = Sniff(data)
	var src *pdfsrc.Source // the PDF opened, for a paper's text and signatures
	switch it.Format {
	case "PDF":
		it.Pages = 1
		if picture {
			it.Err = fmt.Errorf("%s is a PDF document, not a picture, whatever its name: %w", r.Path.Rel, evidence.ErrWrongType)
			return it
		}
		opened, err := pdfsrc.Open(data, opts.PDFPassword)
		switch {
		case errors.Is(err, pdfsrc.ErrPasswordRequired) && opts.PDFPassword != "":
			it.Err = fmt.Errorf("%s is protected by a password, and the one given with --pdf-password does not open it: check it, or use an unprotected copy", r.Path.Rel)
		case errors.Is(err, pdfsrc.ErrPasswordRequired):
			it.Err = fmt.Errorf("%s is protected by a password: give it with --pdf-password, or use an unprotected copy", r.Path.Rel)
		case err != nil:
			it.Err = fmt.Errorf("%s cannot be read as a PDF: %v", r.Path.Rel, err)
		default:
			src = opened
			it.PDF, it.Pages = src, src.PageCount()
		}
	case "":
		it.Pages = 1
		if picture {
			it.Err = fmt.Errorf("%s is not a picture appealpacket can read (JPEG, HEIC, PNG, WebP, TIFF): %w", r.Path.Rel, evidence.ErrWrongType)
		} else {
			it.Err = fmt.Errorf("%s is neither a PDF nor a picture (JPEG, HEIC, PNG, WebP, TIFF): a reviewer could not open it in the packet: %w", r.Path.Rel, evidence.ErrWrongType)
		}
	default:
		it.Pages = 1
		collectPicture(it, data, hdr, opts)
		if rep := c2pa.Inspect(bytes.NewReader(data), int64(len(data)), c2pa.Options{Now: opts.Now, TrustAnchors: opts.C2PATrust}); rep.Status != c2pa.StatusNone {
			it.C2PA = &rep
		}
	}
	if !picture && it.Err == nil {
		readPaperText(it, src, data, opts)
		if src != nil {
			readSignatures(it, data, opts)
			src.Release(reread(it))
		}
	}
	opts.Logger.Debug("collected", "file", r.Path.Rel, "format", it.Format, "bytes", it.Size)
	return it
}

// reread reads a collected file again, and fails unless it is the file
// that was collected (same SHA-256).
func reread(it *evidence.Item) func() ([]byte, error) {
	return func() ([]byte, error) {
		b, err := regularfile.Read(it.Path.Abs, it.Size)
		if err == nil && digest.Hex(b) != it.SHA256 {
			err = errors.New("its content is not the one checked")
		}
		if err != nil {
			return nil, fmt.Errorf("%s %w (%v); build again", it.Path.Rel, evidence.ErrChanged, err)
		}
		return b, nil
	}
}

// record is what the cache keeps of a picture.
type record struct {
	Format      string
	C2PA        *c2pa.Report // nil when the file carries no Content Credentials
	C2PANow     string       // the date its certificates were checked at
	Size        int64
	Meta        *exif.Meta
	Originality *evidence.Originality
	Dates       []exif.Stamp
	Display     *evidence.Display // File is not stored: the blob, or the original
	Fingerprint []byte
	Notes       []string
}

// cacheKey names the cached work on a picture with these contents.
func cacheKey(sum string, opts *Options) string {
	params := fmt.Sprintf("side=%d maxpx=%d fp=%d exif=1 orig=2", opts.DisplaySide, opts.MaxPixels, match.EncodedLen)
	if opts.C2PATrustID != "" {
		params += " c2patrust=" + opts.C2PATrustID // validated against this trust list
	}
	return cache.Key(sum, "picture", params)
}

// day is the date Content Credentials are checked at, as YYYY-MM-DD.
func (o *Options) day() string {
	if o.Now.IsZero() {
		return time.Now().Format(time.DateOnly)
	}
	return o.Now.Format(time.DateOnly)
}

// fromCache fills it from the cache, if the work on these contents is there.
func fromCache(it *evidence.Item, sum string, opts *Options) bool {
	var rec record
	if _, ok := opts.Cache.Get(cacheKey(sum, opts), &rec); !ok {
		return false
	}
	if len(rec.Fingerprint) > 0 && it.Fingerprint.UnmarshalBinary(rec.Fingerprint) != nil {
		return false
	}
	if rec.C2PA != nil && rec.C2PANow != opts.day() {
		return false // certificates are checked at the packet's date: check again
	}
	if rec.Display != nil && rec.Display.Original {
		rec.Display.File = it.Path.Abs
	}
	it.SHA256, it.Format, it.Size, it.Meta, it.Display, it.Notes, it.Pages = sum, rec.Format, rec.Size, rec.Meta, rec.Display, rec.Notes, 1
	it.Originality, it.Dates, it.C2PA = rec.Originality, rec.Dates, rec.C2PA
	return true
}

// toCache stores the work on a picture.
func toCache(it *evidence.Item, opts *Options) {
	if it.Err != nil {
		return // messages name the file; a damaged file is rare and read again
	}
	rec := record{Format: it.Format, Size: it.Size, Meta: it.Meta, Notes: it.Notes, Originality: it.Originality, Dates: it.Dates,
		C2PA: it.C2PA, C2PANow: opts.day()}
	if !it.Fingerprint.IsZero() {
		rec.Fingerprint, _ = it.Fingerprint.MarshalBinary()
	}
	if it.Display != nil {
		d := *it.Display
		d.File = ""
		rec.Display = &d
	}
	if err := opts.Cache.Put(cacheKey(it.SHA256, opts), rec, nil); err != nil {
		opts.Logger.Debug("cache store failed", "file", it.Path.Rel, "err", err)
	}
}

// Sniff names a file's format from the magic number at its start: "PDF",
// "JPEG", "PNG", "WEBP", "TIFF", "HEIC", or "" when it is none of these.
// Only the start counts: a JPEG whose comment holds "%PDF-" is a JPEG.
// The decoders then parse the whole file.
func Sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "PDF"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "JPEG"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "WEBP"
	case bytes.HasPrefix(b, []byte("II*\x00")) || bytes.HasPrefix(b, []byte("MM\x00*")):
		return "TIFF"
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
			return "HEIC"
		}
	}
	return ""
}
