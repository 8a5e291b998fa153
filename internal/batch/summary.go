package batch

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"appealpacket/packet"
	"appealpacket/packet/atomicfile"
)

// writeJSON writes summary.json atomically.
func writeJSON(name string, s *Summary) error {
	return atomicfile.Write(name, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	})
}

// summaryHeaders are the columns of summary.xlsx.
var summaryHeaders = []string{"Case folder", "Case ID", "Status", "Deadline", "Errors", "Warnings", "Notes", "Blocking issues",
	"Pages", "Exhibits", "PDF", "PDF bytes", "XLSX", "XLSX bytes", "Seconds", "Error", "Same case ID as"}

var summaryWidths = []float64{30, 22, 11, 12, 8, 10, 8, 30, 8, 9, 40, 12, 40, 12, 9, 60, 40}

// statusFill colours the Status cell.
var statusFill = []struct {
	status Status
	color  string
}{{Built, "D9EAD3"}, {BuiltNotReady, "FCE5CD"}, {NotReady, "FCE5CD"}, {Failed, "F4CCCC"}, {Skipped, "EEEEEE"}}

// writeXLSX writes summary.xlsx atomically: one row per case, the most
// urgent first (by appeal deadline, as a date cell; cases without one
// after, in input order), styled like the packet's index (bold header,
// frozen first row, autofilter).
func writeXLSX(name string, s *Summary, created time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Cases"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"35507A"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	fills := map[Status]int{}
	for _, sf := range statusFill {
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sf.color}}})
		if err != nil {
			return err
		}
		fills[sf.status] = id
	}
	hdr := make([]any, len(summaryHeaders))
	for i, h := range summaryHeaders {
		hdr[i] = h
	}
	if err := f.SetSheetRow(sheet, "A1", &hdr); err != nil {
		return err
	}
	if err := f.SetRowStyle(sheet, 1, 1, header); err != nil {
		return err
	}
	for i, w := range summaryWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return err
	}
	for i, c := range byDeadline(s.Cases) {
		row := summaryRow(c)
		cell := fmt.Sprintf("A%d", i+2)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
		if id, ok := fills[c.Status]; ok {
			st := fmt.Sprintf("C%d", i+2)
			if err := f.SetCellStyle(sheet, st, st, id); err != nil {
				return err
			}
		}
		if d := fmt.Sprintf("D%d", i+2); c.Deadline != "" {
			if err := f.SetCellStyle(sheet, d, d, dateStyle); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.ColumnNumberToName(len(summaryHeaders))
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", last, max(len(s.Cases)+1, 2)), nil); err != nil {
		return err
	}
	producer := "appealpacket " + packet.Version
	stamp := created.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          "Batch summary",
		Subject:        "Appeal packets built in one batch",
		Creator:        producer,
		LastModifiedBy: producer,
		Created:        stamp,
		Modified:       stamp,
		Language:       "en-US",
	}); err != nil {
		return err
	}
	return atomicfile.Write(name, func(w io.Writer) error {
		if err := f.Write(w); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		return nil
	})
}

// dateFormat shows deadlines as dates whatever the reader's locale.
var dateFormat = "yyyy-mm-dd"

// byDeadline returns the cases with the earliest appeal deadline first;
// cases without one keep their order, after them.
func byDeadline(cases []Case) []Case {
	out := slices.Clone(cases)
	slices.SortStableFunc(out, func(a, b Case) int {
		switch {
		case a.Deadline == b.Deadline:
			return 0
		case a.Deadline == "":
			return 1
		case b.Deadline == "":
			return -1
		}
		return strings.Compare(a.Deadline, b.Deadline)
	})
	return out
}

// deadlineCell is a deadline as a date cell, or blank.
func deadlineCell(d string) any {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t
}

// summaryRow is a case's row of summary.xlsx; numbers that do not apply
// (a case that did not run, a packet not written) are left blank.
func summaryRow(c Case) []any {
	blank := func(ok bool, v any) any {
		if !ok {
			return ""
		}
		return v
	}
	checked := c.Status == Built || c.Status == BuiltNotReady || c.Status == NotReady
	built := c.Status == Built || c.Status == BuiltNotReady
	return []any{
		c.Dir, c.CaseID, string(c.Status), deadlineCell(c.Deadline),
		blank(checked, c.Errors), blank(checked, c.Warnings), blank(checked, c.Infos), strings.Join(c.Blocking, ", "),
		blank(built, c.Pages), blank(built, c.Exhibits),
		c.PDF, blank(built, c.PDFBytes), c.XLSX, blank(built, c.XLSXBytes),
		blank(c.Status != Skipped || c.Seconds > 0, c.Seconds), c.Error, strings.Join(c.SameIDAs, ", "),
	}
}
