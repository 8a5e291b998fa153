// Package packet builds an appeal packet from a case folder: one
// cross-referenced PDF and one XLSX index, after checking everything that
// could sink a one-shot appeal. Every command of the appealpacket tool is a
// thin call into it: Build, Check, Inspect, Letter, Verify. A build runs
// the stages, each a package that hands values to the next:
//
//	manifest.Load → collect.Run → plan.New (numbering, listing
//	pictures compared) → check.Run → statement.Write → plan.Paginate →
//	assemble (fit to the size limit, split, seal) → output.Write
//
// and every command of the appealpacket tool is a thin call into it.
package packet

import (
	"errors"
	"log/slog"
	"time"

	"appealpacket/packet/doctext"
	"appealpacket/packet/render/raster"
)

// Version is appealpacket's version, written into every packet.
const Version = "0.1.0"

// Options tune Build and Check. The zero value builds with defaults.
type Options struct {
	// OutDir is where Build writes the packet; default the current folder.
	OutDir string
	// Force builds even when checks found blocking errors; the cover then
	// says NOT READY and lists them.
	Force bool
	// Workers bounds parallel file reads; default the number of CPUs.
	Workers int
	// Date is the packet's preparation date, used on the cover and as the
	// files' creation date (so two builds give the same bytes). Default:
	// the manifest's case.prepared, else today.
	Date time.Time
	// TemplateFile replaces the built-in statement template.
	TemplateFile string
	// FontFile replaces the built-in CJK fallback font (a .ttf file).
	FontFile string
	// Logger receives diagnostics; default discards them.
	Logger *slog.Logger
	// MaxSize is the largest packet file to write, in bytes; 0 takes the
	// platform profile's limit. A larger packet gets smaller display copies
	// of its photos, then is split into parts.
	MaxSize int64
	// AttachOriginals embeds the original files in the packet, as far as
	// the size limit allows. Digitally signed PDFs are embedded first, and
	// even without it.
	AttachOriginals bool
	// Today is the day the appeal's deadline is counted to; zero: the
	// packet's date (Date, else case.prepared, else today).
	Today time.Time
	// HolidaysFile lists public holidays that are not business days (one
	// YYYY-MM-DD a line, then the holiday's name); "": weekends only.
	HolidaysFile string
	// Thumbnails makes Check keep small pictures of the files its report
	// names, for Report.WriteHTML.
	Thumbnails bool
	// FindingsSheet adds the findings, with what to do about each, to the
	// index workbook as a Findings sheet. The workbook goes to the
	// platform's reviewer: leave it off unless the copy is the seller's.
	FindingsSheet bool
	// Lang is the packet's language for this run ("en" or "zh"),
	// overriding case.language; "" keeps case.language.
	Lang string
	// Overwrite replaces outputs even when they were changed after
	// appealpacket wrote them.
	Overwrite bool
	// PDFPassword opens PDF evidence protected by a user password.
	PDFPassword string
	// C2PATrustFile is a PEM bundle of the certificates whose Content
	// Credentials signers are trusted (a C2PA trust list); "": none, and
	// valid credentials read "signer not on a trust list".
	C2PATrustFile string
	// MaxPixels refuses to decode pictures whose header claims more pixels
	// (a decompression bomb costs memory before it fails); 0 means 120 MP.
	MaxPixels int
	// Memory bounds, by estimate, the memory of the files read and decoded
	// at once (see the README's Memory section); 0 means 256 MB. A picture
	// whose decoding alone needs more is not shown (PICTURE_NOT_SHOWN).
	Memory int64
	// CacheDir is a folder that keeps per-file work (hashes, metadata,
	// display copies, fingerprints) between builds (see package cache;
	// cache.DefaultDir is the usual one). "" works without a cache.
	CacheDir string
	// OCR says how scanned papers are read: "" or "auto" with Tesseract
	// when it is installed, "off" not at all, else the path of the
	// tesseract command (an error when it cannot run).
	OCR string
	// Tesseract, when set, is the tesseract command doctext.Select found
	// for OCR: a process that checks or builds several times (a batch, the
	// web server, tests) finds it once and passes it, instead of each run
	// asking tesseract for its models again. OCR "off" still reads no scan.
	Tesseract *doctext.Tesseract
	// failAt, in tests, makes the build fail at the named stage.
	failAt func(stage string) error
	// masters keeps pictures at display size while collecting (Build).
	masters bool
	// Progress, when set, is called as the work advances (from several
	// goroutines; it must be safe for concurrent use and quick).
	Progress func(Progress)
	// Profile names the built-in platform profile to check against
	// (manifest.Platforms: aliexpress, amazon, ...) instead of the one
	// case.platform selects.
	Profile string
	// ProfileFile is a platform profile file (YAML, see package profile) to
	// check against; it wins over Profile. A built-in profile's name is
	// accepted too when no file has that name.
	ProfileFile string
	// Channel names the profile's upload channel to build for (see
	// profile.Channel): the packet's parts within the channel's size and
	// count, or, for a channel that takes no PDF, its pages as numbered
	// pictures and the camera originals it allows. No XLSX index is
	// written then. "": the packet PDF and the index.
	Channel string
	// PerBrand builds one packet per brand (the trademarks of one mark,
	// as PACKET_SEVERAL_BRANDS counts them) for platforms that take one
	// brand per submission: <case-id>-<brand>-packet.pdf and its index
	// (or the channel's files, named <case-id>-<brand>-p01.jpg ...), each
	// with only that brand's trademarks, the letters naming them, the
	// listings naming them (listings[].trademarks, required on every
	// listing), the photos those listings' pictures were made from or
	// that name those listings, and the papers naming them or naming no
	// trademark (an invoice of several brands goes into each). Each packet
	// is checked on its own: every one must be ready, else nothing is
	// written (see Force). A case of one brand gets its one packet.
	// Check with PerBrand checks each brand's packet (Report.Brands).
	PerBrand bool
	// Sign, when set, signs every part of the packet (see sign.go).
	Sign *SignOptions
	// PDFium keeps PDFium's compiled code for channels that take pictures
	// (see raster.Engine): a process that builds several times (the web
	// server, a batch, tests) passes one so that PDFium is compiled once.
	// nil: compiled anew by each build that draws pages (several seconds).
	PDFium *raster.Engine
}

// Progress reports how far a build or check has come.
type Progress struct {
	Stage string // "collect" (reading files), "render" (writing the packet), "done"
	Done  int    // files read so far (collect)
	Total int    // files to read
	File  string // the file just read, relative to the case folder
}

func (o *Options) progress(p Progress) {
	if o.Progress != nil {
		o.Progress(p)
	}
}

// IsNotReady reports whether err is a *NotReadyError, and returns it.
func IsNotReady(err error) (*NotReadyError, bool) {
	var nr *NotReadyError
	ok := errors.As(err, &nr)
	return nr, ok
}
