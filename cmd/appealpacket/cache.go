package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"

	"appealpacket/packet/cache"
	"appealpacket/packet/collect"
	"appealpacket/packet/profile"
	"appealpacket/packet/render/raster"
)

// defaultMemory is --memory's default.
const defaultMemory = collect.DefaultMemory

// cacheFlags are the flags of the commands that read a case: the cache,
// the decoding limit, OCR and the Content Credentials trust list.
func cacheFlags(l i18n.Lang) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cache-dir", Usage: hl(l, "flag.cache-dir"), EnvVars: []string{"APPEALPACKET_CACHE_DIR"}},
		&cli.BoolFlag{Name: "no-cache", Usage: hl(l, "flag.no-cache")},
		&cli.IntFlag{Name: "max-pixels", Value: 120_000_000, Usage: hl(l, "flag.max-pixels")},
		&cli.StringFlag{Name: "holidays", Usage: hl(l, "flag.holidays")},
		&cli.StringFlag{Name: "memory", Value: "256MB", Usage: hl(l, "flag.memory")},
		ocrFlag(l),
		c2paTrustFlag(l),
	}
}

// ocrFlag is --ocr: how scanned papers are read.
func ocrFlag(l i18n.Lang) cli.Flag {
	return &cli.StringFlag{Name: "ocr", Value: "auto", Usage: hl(l, "flag.ocr"), EnvVars: []string{"APPEALPACKET_OCR"}}
}

// c2paTrustFlag is --c2pa-trust: the Content Credentials trust list.
func c2paTrustFlag(l i18n.Lang) cli.Flag {
	return &cli.StringFlag{Name: "c2pa-trust", Usage: hl(l, "flag.c2pa-trust")}
}

// pdfiumCacheFlag is --pdfium-cache: a folder for PDFium's compiled code.
func pdfiumCacheFlag(l i18n.Lang) cli.Flag {
	return &cli.StringFlag{Name: "pdfium-cache", EnvVars: []string{"APPEALPACKET_PDFIUM_CACHE"}, Usage: hl(l, "flag.pdfium-cache")}
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
