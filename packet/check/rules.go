package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"appealpacket/internal/i18n"
	"appealpacket/packet/chain"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
)

// Codes of the platform rules on papers and brands:
//   - DOC_TOO_OLD, error: a paper under documents: is dated earlier than
//     the profile's documents.max_age_days before the complaint
//     (Coupang: 6 months).
//   - INVOICE_SUPPLIER_INCOMPLETE, warning: an invoice's text does not show
//     the supplier's phone, address, website or email the profile asks
//     for (Amazon). Checked only on papers whose text was read.
//   - PACKET_SEVERAL_BRANDS, warning: the case holds marks of several
//     brands and the profile takes one brand per submission (Coupang).
const (
	DocTooOld                 = "DOC_TOO_OLD"
	InvoiceSupplierIncomplete = "INVOICE_SUPPLIER_INCOMPLETE"
	PacketSeveralBrands       = "PACKET_SEVERAL_BRANDS"
)

// documentAges checks every dated paper under documents: against the
// profile's documents.max_age_days.
func documentAges(in Input, prof *profile.Profile) finding.List {
	limit := prof.Documents.MaxAgeDays
	m := in.Manifest
	ref := m.Case.ComplaintDate
	if limit <= 0 || ref.IsZero() {
		return nil
	}
	var fs finding.List
	for i, d := range m.Documents {
		if d.Date.IsZero() {
			continue // MANIFEST_INCOMPLETE says so where the date is required
		}
		days := int(ref.Time().Sub(d.Date.Time()).Hours() / 24)
		if days <= limit {
			continue
		}
		file := d.Path.String()
		earliest := manifest.NewDate(ref.Time().AddDate(0, 0, -limit).Date())
		fs = append(fs, finding.Finding{Code: DocTooOld, Severity: finding.Error, Exhibit: exhibitID(in.Exhibits.ExhibitOfFile(d.Path.Rel)), File: file,
			Where:   m.Where(fmt.Sprintf("documents[%d].date", i)),
			Message: in.text("doc.too_old", kindName(in.Lang, d.Kind), file, d.Date, days, ref, prof.Label(), limit),
			Hint:    in.text("doc.too_old.hint", earliest, source(in.Lang, prof, "documents.max_age_days"))})
	}
	return fs
}

// supplierPatterns find what an invoice shows of its supplier.
var supplierPatterns = map[string]*regexp.Regexp{
	"phone":   regexp.MustCompile(`(?i)(tel|phone|mobile|fax|电话|手机|联系电话)\W{0,4}\+?\d[\d\s\-().]{5,}\d|\+\d{1,3}[\s\-]?\(?\d[\d\s\-()]{6,}\d`),
	"address": regexp.MustCompile(`(?i)\b(address|road|street|avenue|district|building|floor|suite|zip|postcode)\b|\b(addr|rd|st|ave)\.|地址|路\d|街道|大道|号楼|\d+号|区|省`),
	"website": regexp.MustCompile(`(?i)\b(https?://|www\.)\S+|\b[a-z0-9][a-z0-9\-]*\.(com|cn|net|org|co|io|shop|store|com\.cn|hk|de|uk|jp|kr)\b`),
	"email":   regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`),
}

// invoiceSuppliers checks that each invoice whose text was read shows
// what the profile asks of its supplier.
func invoiceSuppliers(in Input, prof *profile.Profile) finding.List {
	want := prof.Invoice.SupplierFields
	if len(want) == 0 {
		return nil
	}
	var fs finding.List
	m := in.Manifest
	for i, d := range m.Documents {
		if d.Kind != "invoice" {
			continue
		}
		e := in.Exhibits.ExhibitOfFile(d.Path.Rel)
		if e == nil {
			continue
		}
		p, _, _ := readPaper(e)
		if p == nil {
			continue // DOC_NOT_READ or DOC_BLANK says so
		}
		var missing []string
		for _, f := range want {
			if re := supplierPatterns[f]; re != nil && !re.MatchString(p.text) {
				missing = append(missing, supplierField(in.Lang, f))
			}
		}
		if len(missing) == 0 {
			continue
		}
		key := "invoice.supplier"
		if p.ocr {
			key = "invoice.supplier.ocr"
		}
		wanted := make([]string, len(want))
		for j, f := range want {
			wanted[j] = supplierField(in.Lang, f)
		}
		fs = append(fs, finding.Finding{Code: InvoiceSupplierIncomplete, Severity: finding.Warning, Exhibit: e.ID, File: d.Path.String(),
			Where:   m.Where(fmt.Sprintf("documents[%d].path", i)),
			Message: in.text(key, d.Path, series(in.Lang, missing, "list.or"), prof.Label(), series(in.Lang, wanted, "list.and")),
			Hint:    in.text("invoice.supplier.hint", source(in.Lang, prof, "invoice.supplier_fields"))})
	}
	return fs
}

// brands checks the profile's one-brand-per-submission rule: the marks of
// the case, by name, are one brand.
func brands(in Input, prof *profile.Profile) finding.List {
	if !prof.OneBrandPerSubmission {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	for _, t := range in.Manifest.Trademarks {
		k := chain.NormalizeParty(t.Mark)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		names = append(names, t.Mark)
	}
	if len(names) < 2 {
		return nil
	}
	slices.Sort(names)
	var fs finding.List
	fs.Add(finding.Warning, PacketSeveralBrands, "", in.text("brands.hint", source(in.Lang, prof, "one_brand_per_submission")),
		"%s", in.text("brands", len(names), strings.Join(names, in.text("list.sep")), prof.Label()))
	return fs
}

// supplierField names a supplier field of the profile (phone, address,
// website, email) in l; an unknown one as it is.
func supplierField(l i18n.Lang, f string) string {
	if _, ok := messages["supplier."+f]; ok {
		return messages.Text(l, "supplier."+f)
	}
	return f
}

// kindName names a document kind (invoice, receipt, ...) in l; a kind
// without a translation as it is.
func kindName(l i18n.Lang, kind string) string {
	if _, ok := messages["kind."+kind]; ok {
		return messages.Text(l, "kind."+kind)
	}
	return kind
}
