package packet_test

import (
	"os/exec"
	"path"
	"slices"
	"strings"
	"testing"
)

// stageOf ranks every package of the module by the stage of a build it
// belongs to. A package may import packages of its own stage or of earlier
// ones, never of a later one:
//
//	manifest.Load → collect.Run → exhibit.Number → check.Run →
//	statement.Write → plan.Paginate → render → assemble → output.Write
//
// Shared tools (rank 0) serve every stage; the operations (the root
// package, init), the batch runner and the command come last. A package
// missing from the table fails the test: say where a new one belongs.
var stageOf = map[string]int{
	// Shared tools: no stage of their own.
	"assets": 0, "templates": 0,
	"internal/boundtest": 0, "internal/i18n": 0, "internal/cms": 0, "internal/digest": 0, "internal/english": 0, "internal/jpegcodec": 0, "internal/wording": 0,
	"internal/regularfile": 0, "internal/strictyaml": 0, "internal/termsafe": 0, "internal/tsp": 0,
	"packet/atomicfile": 0, "packet/cache": 0, "packet/finding": 0, "packet/integrity": 0, "packet/sign": 0,
	"packet/match": 0, "packet/evidence/exif": 0, "packet/evidence/c2pa": 0, "packet/pdfsrc": 0, "packet/doctext": 0, "packet/deadline": 0,
	// The stages.
	"packet/manifest": 1, "packet/profile": 1,
	"packet/evidence": 2, "packet/collect": 2,
	"packet/exhibit": 3,
	"packet/chain":   4, "packet/check": 4,
	"packet/statement":  5,
	"packet/plan":       6,
	"packet/render/pdf": 7, "packet/render/raster": 7, "packet/render/xlsx": 7, "packet/render/pdfimport": 7, "packet/render/pdfpatch": 7, "packet/render/report": 7,
	"packet/assemble": 8,
	"packet/output":   9,
	// Operations and what drives them.
	"packet": 10, "packet/initcase": 10,
	"internal/batch": 11, "internal/web": 11,
	"cmd/appealpacket": 12,
	// Test helpers.
	"internal/fixture": 12, "internal/fixture/paper": 12, "internal/fixture/sealed": 12, "internal/pdftest": 12, "tools/benchphotos": 12, "tools/bench/memory": 12, "internal/testcorpus": 12, "internal/testlevel": 12, "internal/signtest": 12, "internal/ocrtest": 12, "internal/demo": 12,
}

func TestImportsFollowTheStages(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "appealpacket/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], "appealpacket/")
		rank, ok := stageOf[pkg]
		if !ok {
			t.Errorf("%s is in no stage: add it to stageOf", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			dep, ours := strings.CutPrefix(imp, "appealpacket/")
			if !ours {
				continue
			}
			if r, ok := stageOf[dep]; ok && r > rank {
				t.Errorf("%s (stage %d) imports %s, of a later stage (%d)", pkg, rank, dep, r)
			}
			for parent := path.Dir(pkg); parent != "."; parent = path.Dir(parent) {
				if dep == parent {
					t.Errorf("%s imports its parent %s", pkg, dep)
				}
			}
		}
	}
	for _, must := range []string{"packet/check", "packet/statement", "packet/exhibit"} {
		if !slices.Contains(strings.Fields(string(out)), "appealpacket/"+must) {
			t.Errorf("go list did not list %s", must)
		}
	}
}

// TestItemReadersLinkNoDecoders: the stages that only read collected items
// link neither the file reading (package collect, its HEIC decoder and the
// WebAssembly runtime under it) nor the PDF library: evidence holds values
// only. Their test binaries link in about a second less each.
func TestItemReadersLinkNoDecoders(t *testing.T) {
	t.Parallel()
	readers := []string{"packet/evidence", "packet/exhibit", "packet/check", "packet/statement", "packet/plan", "packet/render/xlsx"}
	args := []string{"list", "-deps", "-f", `{{.ImportPath}}`}
	for _, r := range readers {
		args = append(args, "appealpacket/"+r)
	}
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, r := range readers {
		if !slices.Contains(deps, "appealpacket/"+r) {
			t.Errorf("go list did not list %s", r)
		}
	}
	for _, heavy := range []string{"appealpacket/packet/collect", "appealpacket/packet/pdfsrc", "github.com/gen2brain/heic", "github.com/tetratelabs/wazero", "github.com/pdfcpu/pdfcpu"} {
		if i := slices.IndexFunc(deps, func(d string) bool { return d == heavy || strings.HasPrefix(d, heavy+"/") }); i >= 0 {
			t.Errorf("a stage that reads items links %s (%s)", heavy, deps[i])
		}
	}
}

// TestNoCgoOutsideTheStandardLibrary: appealpacket is pure Go. No package
// it links, outside the standard library (whose net and runtime/cgo use cgo
// where a C compiler is found, and link internally), has cgo files: one
// would need a C compiler to build for Windows and macOS, and makes every
// binary link with the external linker (upstream gen2brain/heic pulled
// purego's cgo package in; see internal/third_party/heic).
func TestNoCgoOutsideTheStandardLibrary(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "-f", `{{if and .CgoFiles (not .Standard)}}{{.ImportPath}}{{end}}`, "appealpacket/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		t.Errorf("%s has cgo files", p)
	}
}
