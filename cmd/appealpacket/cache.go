package main

import (
	"github.com/urfave/cli/v2"

	"appealpacket/packet/cache"
)

// cacheFlags are the flags of the commands that read a case.
func cacheFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cache-dir", Usage: "keep per-file work (hashes, EXIF, display copies) in `DIR` (default: the user's cache folder, e.g. ~/.cache/appealpacket)", EnvVars: []string{"APPEALPACKET_CACHE_DIR"}},
		&cli.BoolFlag{Name: "no-cache", Usage: "read and decode every file anew; store nothing"},
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
