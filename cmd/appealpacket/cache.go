package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"appealpacket/packet/cache"
	"appealpacket/packet/evidence"
	"appealpacket/packet/profile"
	"appealpacket/packet/render/raster"
)

// defaultMemory is --memory's default.
const defaultMemory = evidence.DefaultMemory

// cacheFlags are the flags of the commands that read a case: the cache,
// the decoding limit, OCR and the Content Credentials trust list.
func cacheFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cache-dir", Usage: "keep per-file work (hashes, EXIF, display copies) in `DIR` (default: the user's cache folder, e.g. ~/.cache/appealpacket)", EnvVars: []string{"APPEALPACKET_CACHE_DIR"}},
		&cli.BoolFlag{Name: "no-cache", Usage: "read and decode every file anew; store nothing"},
		&cli.IntFlag{Name: "max-pixels", Value: 120_000_000, Usage: "refuse to decode a picture whose header claims more than `N` pixels (a decompression bomb)"},
		&cli.StringFlag{Name: "holidays", Usage: "public holidays that are not business days when the appeal deadline is counted: a `FILE` of lines YYYY-MM-DD name (default: weekends only)"},
		&cli.StringFlag{Name: "memory", Value: "256MB", Usage: "memory the files read and decoded at once may take (`SIZE`, by estimate); a picture whose decoding needs more is not shown (PICTURE_NOT_SHOWN). At the default a build stays under 500 MB (see the README's Memory section)"},
		ocrFlag(),
		c2paTrustFlag(),
	}
}

// ocrFlag is --ocr: how scanned papers are read.
func ocrFlag() cli.Flag {
	return &cli.StringFlag{Name: "ocr", Value: "auto", Usage: "read scanned certificates, letters and invoices with Tesseract, to check case.yaml against them: `auto` (when installed), off, or the path of the tesseract command; at most 5 pages a paper and 60 s a page", EnvVars: []string{"APPEALPACKET_OCR"}}
}

// c2paTrustFlag is --c2pa-trust: the Content Credentials trust list.
func c2paTrustFlag() cli.Flag {
	return &cli.StringFlag{Name: "c2pa-trust", Usage: "trust the Content Credentials (C2PA) signers that chain to the PEM certificates of `FILE` (a trust list); without it, valid credentials read \"signer not on a trust list\""}
}

// pdfiumCacheFlag is --pdfium-cache: a folder for PDFium's compiled code.
func pdfiumCacheFlag() cli.Flag {
	return &cli.StringFlag{Name: "pdfium-cache", EnvVars: []string{"APPEALPACKET_PDFIUM_CACHE"},
		Usage: "keep PDFium's compiled code in `DIR`, so that --channel builds that draw pictures start in about a second instead of compiling it (several seconds). " +
			"The folder holds machine code this tool runs: give a folder of your own that no one else can write (created 0700; on Unix a folder others may write is refused)"}
}

// pdfiumEngine is the PDFium engine --pdfium-cache asks for: on its folder,
// else nil (each build compiles PDFium) or, with inMemory, one that keeps
// the compiled code for the rest of the run. The caller closes it.
func pdfiumEngine(c *cli.Context, inMemory bool) (*raster.Engine, error) {
	if dir := c.String("pdfium-cache"); dir != "" {
		e, err := raster.NewDiskEngine(dir)
		if err != nil {
			return nil, cli.Exit(err.Error(), exitError)
		}
		return e, nil
	}
	if inMemory {
		return raster.NewEngine(), nil
	}
	return nil, nil
}

// memory is the --memory budget in bytes; it raises the Go runtime's soft
// memory limit to match (unless GOMEMLIMIT is set).
func memory(c *cli.Context) (int64, error) {
	b, err := profile.ParseBytes(c.String("memory"))
	if err != nil || b < 16<<20 {
		return 0, cli.Exit(fmt.Sprintf("--memory %q: want a size of at least 16MB, such as 256MB or 1GB", c.String("memory")), exitError)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(max(memoryLimit, int64(b)+memoryLimit-defaultMemory))
	}
	return int64(b), nil
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
