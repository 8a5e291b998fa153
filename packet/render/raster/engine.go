package raster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Engine keeps PDFium's WebAssembly compiled to machine code, so that
// only the first call of Pages with it compiles (several seconds) and the
// later ones start in a fraction of a second. It is safe for concurrent
// use; Close releases the compiled code.
type Engine struct {
	cache wazero.CompilationCache
	dir   string // "" in memory
}

// NewEngine returns an Engine that keeps the compiled code in memory, for
// as long as the process keeps the Engine.
func NewEngine() *Engine { return &Engine{cache: wazero.NewCompilationCache()} }

// NewDiskEngine returns an Engine that keeps the compiled code in the
// folder dir as well, so that later runs load it instead of compiling.
//
// The folder's files are machine code this process runs unchecked:
// whoever can write them runs code as the user. So the folder is created
// readable by the user only (0700), and, on Unix, a folder that another
// user owns or that others may write is refused.
func NewDiskEngine(dir string) (*Engine, error) {
	if dir == "" {
		return nil, errors.New("raster: no folder for the compiled PDFium")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("compiled PDFium folder: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("compiled PDFium folder: %w", err)
	}
	st, err := os.Lstat(abs)
	if err != nil {
		return nil, fmt.Errorf("compiled PDFium folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("compiled PDFium folder %s is not a folder (a link is not taken)", abs)
	}
	if err := private(abs, st); err != nil {
		return nil, err
	}
	c, err := wazero.NewCompilationCacheWithDir(abs)
	if err != nil {
		return nil, fmt.Errorf("compiled PDFium folder: %w", err)
	}
	return &Engine{cache: c, dir: abs}, nil
}

// Dir is the Engine's folder; "" when it keeps the code in memory only.
func (e *Engine) Dir() string { return e.dir }

// Close releases the compiled code kept in memory (a folder's files stay).
func (e *Engine) Close(ctx context.Context) error { return e.cache.Close(ctx) }

// Prepare compiles PDFium now (or loads the code the Engine's folder
// holds), so that the first call of Pages starts at once: a server can
// call it as it starts, and processes that share a folder can take turns
// filling it.
func (e *Engine) Prepare(ctx context.Context) error {
	pool, err := e.start(ctx)
	if err != nil {
		return err
	}
	return pool.Close()
}

// start starts one PDFium instance, compiling PDFium unless the Engine
// holds its code.
func (e *Engine) start(ctx context.Context) (pdfium.Pool, error) {
	pool, err := webassembly.Init(webassembly.Config{Context: ctx, MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
		RuntimeConfig: e.runtimeConfig(), FSConfig: wazero.NewFSConfig(), Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		return nil, fmt.Errorf("raster: start PDFium: %w", err)
	}
	return pool, nil
}

// runtimeConfig is the wazero configuration PDFium runs with: the
// WebAssembly 2.0 features and exception handling its build uses.
func (e *Engine) runtimeConfig() wazero.RuntimeConfig {
	return wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCompilationCache(e.cache)
}
