package pdfsrc

import (
	"bytes"
	"context"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// paintOps are the content operators that put marks on a page: text,
// paths filled or stroked, shadings, pictures and forms, inline images.
var paintOps = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true,
	"f": true, "F": true, "f*": true, "S": true, "s": true, "B": true, "B*": true, "b": true, "b*": true,
	"sh": true, "Do": true, "BI": true,
}

// Blank reports whether the source is blank: it has at most as many pages
// as Text reads and none of them paints anything (no text, picture, form,
// shading or path filled or stroked). A longer PDF is not blank as far as
// this tells. It never panics.
func (s *Source) Blank(ctx context.Context) (blank bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			blank, err = false, fmt.Errorf("internal error in PDF library: %v", r)
		}
	}()
	data, err := s.Data()
	if err != nil {
		return false, err
	}
	// Read as Text reads: no validation (Open validated the file once).
	conf := Config()
	conf.UserPW, conf.OwnerPW = s.password, s.password
	pc, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return false, fmt.Errorf("not a readable PDF: %v", err)
	}
	if err := pc.EnsurePageCount(); err != nil {
		return false, fmt.Errorf("not a readable PDF: %v", err)
	}
	if pc.PageCount == 0 || pc.PageCount > textPages {
		return false, nil
	}
	x := &extractor{xt: pc.XRefTable}
	for p := 1; p <= pc.PageCount; p++ {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		d, _, _, err := pc.PageDict(p, false)
		if err != nil || d == nil {
			return false, nil // unreadable: not known to be blank
		}
		painted := false
		scanOps(x.contents(d["Contents"]), func(op string, _ []operand) bool {
			painted = paintOps[op]
			return !painted
		})
		if painted {
			return false, nil
		}
	}
	return true, nil
}
