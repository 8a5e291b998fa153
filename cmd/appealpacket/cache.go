package main

import (
	"github.com/urfave/cli/v2"

	"appealpacket/packet/cache"
)

// cacheFlags are the flags of the commands that read a case: the cache,
// the decoding limit and OCR.
func cacheFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cache-dir", Usage: "keep per-file work (hashes, EXIF, display copies) in `DIR` (default: the user's cache folder, e.g. ~/.cache/appealpacket)", EnvVars: []string{"APPEALPACKET_CACHE_DIR"}},
		&cli.BoolFlag{Name: "no-cache", Usage: "read and decode every file anew; store nothing"},
		&cli.IntFlag{Name: "max-pixels", Value: 120_000_000, Usage: "refuse to decode a picture whose header claims more than `N` pixels (a decompression bomb)"},
		&cli.StringFlag{Name: "holidays", Usage: "public holidays that are not business days when the appeal deadline is counted: a `FILE` of lines YYYY-MM-DD name (default: weekends only)"},
		&cli.StringFlag{Name: "ocr", Value: "auto", Usage: "read scanned certificates, letters and invoices with Tesseract, to check case.yaml against them: `auto` (when installed), off, or the path of the tesseract command; at most 5 pages a paper and 60 s a page", EnvVars: []string{"APPEALPACKET_OCR"}},
	}
}

// cacheDir is the cache folder the flags ask for, "" for none.
func cacheDir(c *cli.Context) string {
	if c.Bool("no-cache") {
		return ""
	}
	if d := c.String("cache-dir"); d != "" {
		return d
	}
	d, err := cache.DefaultDir()
	if err != nil {
		return "" // no user cache folder on this system: work without
	}
	return d
}
