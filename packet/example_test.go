package packet_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"appealpacket/packet"
)

// Build the demo case's packet and index into a folder.
func ExampleBuild() {
	out, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(out)
	res, err := packet.Build(context.Background(), "../testdata/demo", packet.Options{OutDir: out, Date: time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Files {
		fmt.Println(filepath.Base(f.Path))
	}
	fmt.Println(res.Exhibits, "exhibits")
	// Output:
	// IPP-2024-0001234-packet.pdf
	// IPP-2024-0001234-index.xlsx
	// 8 exhibits
}

// Check a case without writing anything: is it ready, and what was each
// listing picture made from?
func ExampleCheck() {
	rep, err := packet.Check(context.Background(), "../testdata/demo", packet.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.CaseID, "ready:", rep.Ready)
	for _, lp := range rep.ListingPictures {
		for _, o := range lp.Originals { // P-1 only: P-3 is the same case in blue
			fmt.Println(lp.Exhibit, "made from", o.Exhibit, o.File, "("+o.How+")")
		}
	}
	// Output:
	// IPP-2024-0001234 ready: true
	// L-1 made from P-1 originals/IMG_0412.JPG (matched)
}

// Verify a packet against the case folder it was built from.
func ExampleVerify() {
	out, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(out)
	res, err := packet.Build(context.Background(), "../testdata/demo", packet.Options{OutDir: out, Date: time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := packet.Verify(res.PDF, "../testdata/demo", packet.VerifyOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("intact:", rep.Parts[0].Intact, "files:", len(rep.Files), "all match:", rep.OK())
	// Output: intact: true files: 8 all match: true
}
