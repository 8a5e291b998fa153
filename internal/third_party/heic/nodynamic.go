// This file replaces upstream's purego_*.go and decode_dynamic.go: HEIC is
// always decoded by the WebAssembly build (see README.md).

package heic

import (
	"fmt"
	"image"
	"io"
)

var (
	dynamic    = false
	dynamicErr = fmt.Errorf("heic: dynamic disabled")
)

func decodeDynamic(r io.Reader, configOnly bool) (image.Image, image.Config, error) {
	return nil, image.Config{}, dynamicErr
}

func loadLibrary() (uintptr, error) {
	return 0, dynamicErr
}
