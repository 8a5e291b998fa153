package packet

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"

	"appealpacket/internal/digest"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/assemble"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/output"
	"appealpacket/packet/profile"
	"appealpacket/packet/render/raster"
)

// ChannelFiles says what a build for an upload channel (Options.Channel)
// wrote in place of the usual packet PDF and index.
type ChannelFiles struct {
	Channel string
	// Pictures is set when the channel takes no PDF: the packet's pages
	// were written as numbered pictures.
	Pictures bool
	Pages    int // page pictures written
	Type     string
	MinDPI   int // the lowest resolution a page needed to fit the limit
	MaxBytes int64
	// Largest is the size of the largest file written.
	Largest int64
	// Originals are the camera originals written beside the pages;
	// OriginalsLeft those the channel's file count left out.
	Originals     []string
	OriginalsLeft []string
	// PerPage is the time drawing and encoding a page took on average;
	// Start the time starting PDFium took (compiling its WebAssembly, or
	// loading the compiled code from the cache).
	PerPage, Start time.Duration
}

// TooManyFilesError is returned when a channel takes fewer files than the
// packet needs. Its message gives the plan: what to change.
type TooManyFilesError struct {
	Channel  string
	MaxFiles int
	Files    int    // files the packet needs
	What     string // "page pictures", "packet parts"
	Plan     []string
}

func (e *TooManyFilesError) Error() string {
	return fmt.Sprintf("channel %s takes at most %d files; this packet needs %d %s. Plan:\n  - %s",
		e.Channel, e.MaxFiles, e.Files, e.What, strings.Join(e.Plan, "\n  - "))
}

// channelFiles turns an assembled packet into the files channel ch takes:
// the parts when it takes PDF (no index: the index is the seller's copy),
// else every page as a numbered picture, plus the photos' camera originals
// where the channel allows them and its file count leaves room.
func channelFiles(ctx context.Context, p *profile.Profile, ch *profile.Channel, pk *assemble.Packet, set *exhibit.Set, caseID string, opts *Options) ([]output.File, *ChannelFiles, error) {
	maxBytes := ch.MaxBytes(p)
	info := &ChannelFiles{Channel: ch.Name, MaxBytes: maxBytes}
	if ch.TakesPDF() {
		if ch.MaxFiles > 0 && len(pk.Parts) > ch.MaxFiles {
			return nil, nil, &TooManyFilesError{Channel: ch.Name, MaxFiles: ch.MaxFiles, Files: len(pk.Parts), What: "packet parts",
				Plan: []string{
					fmt.Sprintf("build with --max-size larger than %s if the form takes larger files, so that fewer parts are needed", profile.Bytes(maxBytes)),
					"split the case into two case folders (some listings and their photos in each) and appeal with each",
					"leave out --attach-originals, which makes the parts larger",
				}}
		}
		var files []output.File
		for k, pt := range pk.Parts {
			files = append(files, output.File{Name: pt.Name, Data: pt.Data, Part: k + 1})
			info.Largest = max(info.Largest, int64(len(pt.Data)))
		}
		return files, info, nil
	}
	info.Pictures, info.Type = true, ch.PageType()
	ext := info.Type
	tooMany := func(pages int) error {
		plan := []string{
			fmt.Sprintf("split the case into %d case folders (some listings and their photos in each) and appeal with each", (pages+ch.MaxFiles-1)/ch.MaxFiles),
			"use a channel of the profile that takes the PDF, if the complaint allows it (appealpacket profile show " + p.Name + ")",
			"if the form takes more files than the profile says, raise max_files in a copy of the profile (appealpacket profile export " + p.Name + ")",
		}
		if n := brandCount(set.Manifest); n > 1 && !opts.PerBrand {
			plan = append([]string{fmt.Sprintf("build with --per-brand: the case holds %d brands, and each brand's packet has fewer pages", n)}, plan...)
		}
		return &TooManyFilesError{Channel: ch.Name, MaxFiles: ch.MaxFiles, Files: pages, What: "page pictures", Plan: plan}
	}
	// The pagination knows the page count: a packet with too many pages
	// is refused before they are drawn (seconds a page).
	planned := 0
	for _, pt := range pk.Parts {
		if pt.Plan != nil {
			planned += pt.Plan.Total
		}
	}
	if ch.MaxFiles > 0 && planned > ch.MaxFiles {
		return nil, nil, tooMany(planned)
	}
	eng := opts.PDFium // Build gives one: PDFium compiled once per build
	start := time.Now()
	var pages []raster.Page
	for _, pt := range pk.Parts {
		pp, err := raster.Pages(ctx, pt.Data, raster.Options{Type: info.Type, MaxBytes: maxBytes, Engine: eng, Logger: opts.logger()})
		if err != nil {
			return nil, nil, fmt.Errorf("channel %s: %w", ch.Name, err)
		}
		pages = append(pages, pp...)
	}
	if ch.MaxFiles > 0 && len(pages) > ch.MaxFiles {
		return nil, nil, tooMany(len(pages))
	}
	var drawing time.Duration
	for _, pg := range pages {
		drawing += pg.Took
	}
	info.PerPage = drawing / time.Duration(max(len(pages), 1))
	info.Start = time.Since(start) - drawing
	files := make([]output.File, 0, len(pages))
	info.MinDPI = raster.DefaultDPI
	for i, pg := range pages {
		files = append(files, output.File{Name: fmt.Sprintf("%s-p%02d.%s", caseID, i+1, ext), Data: pg.Data, Part: i + 1})
		info.MinDPI = min(info.MinDPI, pg.DPI)
		info.Largest = max(info.Largest, int64(len(pg.Data)))
	}
	info.Pages = len(pages)
	if ch.Originals {
		for _, e := range set.Exhibits {
			if e.Kind != exhibit.Photo {
				continue
			}
			for _, f := range e.Files {
				if !ch.Accepts(f.Format) || f.Size > maxBytes || (ch.MaxFiles > 0 && len(files) >= ch.MaxFiles) {
					info.OriginalsLeft = append(info.OriginalsLeft, f.Path.Rel)
					continue
				}
				data, err := regularfile.Read(f.Path.Abs, maxBytes)
				if err != nil {
					return nil, nil, fmt.Errorf("channel %s: original of %s: %w", ch.Name, e.ID, err)
				}
				if digest.Hex(data) != f.SHA256 {
					return nil, nil, fmt.Errorf("channel %s: %s changed while the packet was built; build again", ch.Name, f.Path.Rel)
				}
				files = append(files, output.File{Name: fmt.Sprintf("%s-%s-original%s", caseID, e.ID, strings.ToLower(path.Ext(f.Path.Rel))), Data: data, Part: len(files) + 1})
				info.Originals = append(info.Originals, f.Path.Rel)
				info.Largest = max(info.Largest, int64(len(data)))
			}
		}
	}
	return files, info, nil
}
