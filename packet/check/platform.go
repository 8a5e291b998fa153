package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"appealpacket/internal/i18n"
	"appealpacket/packet/chain"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
)

// Finding codes about the rules of the platform the appeal goes to (the
// platform profile, see package profile). MANIFEST_INCOMPLETE
// (ManifestIncomplete) is reported here too.
//
// Severities:
//   - PACKET_OVER_LIMIT, error: the platform refuses an attachment that
//     large, so the appeal cannot be sent as built.
//   - FILE_TYPE_NOT_ACCEPTED, error when the platform takes no PDF at all
//     (the packet itself cannot be attached); info for an evidence file of
//     a type the platform takes no upload of: the packet shows it, so
//     nothing is blocked, but the original cannot be uploaded as it is if
//     the reviewer asks for it. Not reported when the platform takes no
//     picture upload at all (Temu: PDF only), where there is nothing to do.
//   - PHOTO_TOO_SMALL, warning: the picture is still in the packet, but the
//     reviewer may refuse a picture below the platform's minimum, and a
//     camera "original" that small looks like a thumbnail or a copy.
//   - PHOTO_TOO_LARGE, info: the packet holds a reduced display copy, so it
//     is not affected; only sending the original on request is.
//   - INVOICE_TOO_OLD, INVOICE_NAME_MISMATCH, LOA_TERMS_MISSING,
//     MANIFEST_INCOMPLETE, errors: the platform rejects the appeal (or the
//     checks cannot be made) when they fail.
//   - TM_NOT_ENGLISH, warning, for a trademark without Latin letters when
//     the profile sets english_trademark.
const (
	PacketOverLimit     = "PACKET_OVER_LIMIT"
	FileTypeNotAccepted = "FILE_TYPE_NOT_ACCEPTED"
	PhotoTooSmall       = "PHOTO_TOO_SMALL"
	PhotoTooLarge       = "PHOTO_TOO_LARGE"
	InvoiceTooOld       = "INVOICE_TOO_OLD"
	InvoiceNameMismatch = "INVOICE_NAME_MISMATCH"
	LOATermsMissing     = "LOA_TERMS_MISSING"
	TMNotEnglish        = "TM_NOT_ENGLISH"
)

// platform checks the case against the platform profile: in.Profile, or
// the built-in profile of case.platform when it is nil.
func platform(in Input) finding.List {
	prof := in.Profile
	if prof == nil {
		var err error
		if prof, err = profile.Select(in.Manifest.Case.Platform, "", ""); err != nil {
			return nil
		}
	}
	var fs finding.List
	fs = append(fs, requiredFields(in, prof)...)
	fs = append(fs, fileTypes(in, prof)...)
	fs = append(fs, pictureSizes(in, prof)...)
	fs = append(fs, invoices(in, prof)...)
	fs = append(fs, loaTerms(in, prof)...)
	fs = append(fs, englishMarks(in, prof)...)
	fs = append(fs, translations(in, prof)...)
	fs = append(fs, deadlines(in, prof)...)
	fs = append(fs, formTextLimit(in, prof)...)
	fs = append(fs, documentAges(in, prof)...)
	fs = append(fs, invoiceSuppliers(in, prof)...)
	fs = append(fs, brands(in, prof)...)
	return fs
}

// whyRequired says what a required field is for, and how to fill it in,
// in language l.
func whyRequired(l i18n.Lang, field string) (what, hint string) {
	h := fieldHelp[genericField(field)]
	what, hint = textIn(l, h.what), textIn(l, h.fill)
	return what, cmp.Or(hint, messages.Text(l, "manifest.required.fill", field))
}

func requiredFields(in Input, prof *profile.Profile) finding.List {
	var fs finding.List
	m := in.Manifest
	for _, field := range prof.Missing(m) {
		what, hint := whyRequired(in.Lang, field)
		key := field[strings.LastIndexByte(field, '.')+1:]
		if line, comment, date, ok := m.CommentedDate(key); ok {
			fs = append(fs, finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Where: m.At(manifest.Pos{Line: line, Col: 1}),
				Message: in.text("manifest.commented_date", field, date, comment, line),
				Hint:    in.text("manifest.commented_date.h", key, line, key, date)})
			continue
		}
		msg := in.text("manifest.required", field, prof.Label())
		if what != "" {
			msg = in.text("manifest.required.what", field, prof.Label(), what)
		}
		fs = append(fs, finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Where: m.Where(field), Message: msg, Hint: hint})
	}
	return fs
}

// fileTypes reports FILE_TYPE_NOT_ACCEPTED: the packet itself when the
// platform takes no PDF, and evidence files whose type the platform takes
// no upload of, in one finding listing them by type.
func fileTypes(in Input, prof *profile.Profile) finding.List {
	var fs finding.List
	accepted := strings.Join(prof.AcceptedTypes, ", ")
	if !prof.Accepts("pdf") {
		fs = append(fs, finding.Finding{Code: FileTypeNotAccepted, Severity: finding.Error,
			Message: in.text("filetype.pdf", prof.Label(), accepted, prof.File),
			Hint:    in.text("filetype.pdf.hint", prof.File)})
		return fs
	}
	if !prof.AcceptsPictures() {
		return fs // PDF only: the packet is the one attachment; nothing to say about originals
	}
	byType := map[string][]*evidence.Item{}
	var types []string
	seen := map[*evidence.Item]bool{}
	for _, it := range in.Items {
		if seen[it] || it.Err != nil || it.Format == "" || prof.Accepts(it.Format) {
			continue
		}
		seen[it] = true
		if byType[it.Format] == nil {
			types = append(types, it.Format)
		}
		byType[it.Format] = append(byType[it.Format], it)
	}
	if len(types) == 0 {
		return fs
	}
	var all []*evidence.Item
	groups := make([]string, len(types))
	for i, t := range types {
		items := byType[t]
		names := make([]string, len(items))
		for j, it := range items {
			names[j] = it.Path.Rel
			if e := in.Exhibits.ExhibitOfFile(it.Path.Rel); e != nil {
				names[j] += " (" + e.ID + ")"
			}
		}
		groups[i] = strings.Join(names, ", ")
		if len(types) > 1 {
			groups[i] = t + ": " + groups[i]
		}
		all = append(all, items...)
	}
	// One note for all the types: each would give the same advice.
	msg := in.count("filetype.upload", len(all), len(all), types[0], prof.Label(), accepted, groups[0])
	if len(types) > 1 {
		msg = in.text("filetype.upload.types", len(all), prof.Label(), accepted, strings.Join(groups, "; "))
	}
	f := finding.Finding{Code: FileTypeNotAccepted, Severity: finding.Info, Message: msg, Hint: in.text("filetype.upload.hint")}
	if len(all) == 1 {
		f.File = all[0].Path.Rel
		f.Exhibit = exhibitID(in.Exhibits.ExhibitOfFile(f.File))
	}
	return append(fs, f)
}

// pixelSize is a picture's stored pixel size: from the file's own headers
// (JPEG SOF, PNG IHDR, ...; not the EXIF PixelXDimension tags, which
// editors leave stale), else from an original embedded as it is. Rotation
// does not matter: the shorter side stays the shorter side. 0, 0 when
// unknown.
func pixelSize(it *evidence.Item) (int, int) {
	if it.Meta != nil && it.Meta.ImageWidth > 0 && it.Meta.ImageHeight > 0 {
		return it.Meta.ImageWidth, it.Meta.ImageHeight
	}
	if d := it.Display; d != nil && d.Original {
		return d.Width, d.Height
	}
	return 0, 0
}

// pictureSizes reports listing pictures and photos below the platform's
// minimum side (PHOTO_TOO_SMALL) or above its largest upload (PHOTO_TOO_LARGE).
func pictureSizes(in Input, prof *profile.Profile) finding.List {
	var fs finding.List
	m := in.Manifest
	minSide, maxBytes := prof.Picture.MinSide, int64(prof.Picture.MaxBytes)
	if minSide <= 0 && maxBytes <= 0 {
		return nil
	}
	for _, k := range []exhibit.Kind{exhibit.Listing, exhibit.Photo} {
		for _, e := range in.Exhibits.ExhibitsOf(k) {
			it := e.Files[0]
			if it.Err != nil || it.Format == "" || it.Format == "PDF" {
				continue
			}
			if w, h := pixelSize(it); minSide > 0 && w > 0 && h > 0 && min(w, h) < minSide {
				f := finding.Finding{Code: PhotoTooSmall, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel, Where: m.At(it.Path.Pos)}
				if k == exhibit.Listing {
					f.Message = in.text("size.listing_small", it.Path.Rel, w, h, prof.Label(), minSide)
					f.Hint = in.text("size.listing_small.hint", minSide, minSide)
				} else {
					f.Message = in.text("size.photo_small", it.Path.Rel, w, h, prof.Label(), minSide)
					f.Hint = in.text("size.photo_small.hint")
				}
				fs = append(fs, f)
			}
			if maxBytes > 0 && it.Size > maxBytes {
				fs = append(fs, finding.Finding{Code: PhotoTooLarge, Severity: finding.Info, Exhibit: e.ID, File: it.Path.Rel, Where: m.At(it.Path.Pos),
					Message: in.text("size.large", it.Path.Rel, profile.Bytes(it.Size), prof.Label(), profile.Bytes(maxBytes)),
					Hint:    in.text("size.large.hint")})
			}
		}
	}
	return fs
}

// invoices checks the age of invoices and whom they name.
func invoices(in Input, prof *profile.Profile) finding.List {
	var fs finding.List
	m := in.Manifest
	rules := prof.Invoice
	if rules.MaxAgeDays <= 0 && !rules.BuyerMustMatchSeller {
		return nil
	}
	ref, tooOld := m.Case.ComplaintDate, "invoice.too_old"
	if ref.IsZero() {
		ref, tooOld = m.Case.Prepared, "invoice.too_old.prepared"
	}
	names, sellers := chain.SellerNames(m.Seller)
	for i, s := range names {
		names[i] = fmt.Sprintf("%q", s)
	}
	for i, d := range m.Documents {
		if d.Kind != "invoice" {
			continue
		}
		ex := exhibitID(in.Exhibits.ExhibitOfFile(d.Path.Rel))
		file := d.Path.String()
		field := func(name string) string { return fmt.Sprintf("documents[%d].%s", i, name) }
		if rules.MaxAgeDays > 0 {
			switch {
			case d.Date.IsZero():
				fs = append(fs, finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Exhibit: ex, File: file, Where: m.Where(field("date")),
					Message: in.text("invoice.no_date", field("date"), file, prof.Label(), rules.MaxAgeDays),
					Hint:    in.text("invoice.no_date.hint")})
			case !ref.IsZero():
				days := int(ref.Time().Sub(d.Date.Time()).Hours() / 24)
				if days > rules.MaxAgeDays {
					earliest := manifest.NewDate(ref.Time().AddDate(0, 0, -rules.MaxAgeDays).Date())
					fs = append(fs, finding.Finding{Code: InvoiceTooOld, Severity: finding.Error, Exhibit: ex, File: file, Where: m.Where(field("date")),
						Message: in.text(tooOld, file, d.Date, days, ref, prof.Label(), rules.MaxAgeDays),
						Hint:    in.text("invoice.too_old.hint", earliest)})
				}
			}
		}
		if rules.BuyerMustMatchSeller {
			switch {
			case strings.TrimSpace(d.Buyer) == "":
				fs = append(fs, finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Exhibit: ex, File: file, Where: m.Where(field("buyer")),
					Message: in.text("invoice.no_buyer", field("buyer"), prof.Label(), file),
					Hint:    in.text("invoice.no_buyer.hint", i)})
			case !sellers[chain.NormalizeParty(d.Buyer)]:
				msg := in.text("invoice.buyer.none", file, d.Buyer, prof.Label())
				if len(names) > 0 {
					msg = in.text("invoice.buyer", file, d.Buyer, strings.Join(names, ", "), prof.Label())
				}
				fs = append(fs, finding.Finding{Code: InvoiceNameMismatch, Severity: finding.Error, Exhibit: ex, File: file, Where: m.Where(field("buyer")),
					Message: msg,
					Hint:    in.text("invoice.buyer.hint", d.Buyer, strings.TrimSuffix(cmp.Or(m.Seller.LegalName, m.Seller.Store), "."))})
			}
		}
	}
	return fs
}

// loaTerms checks that every authorization states the terms the platform
// requires of a letter of authorization.
func loaTerms(in Input, prof *profile.Profile) finding.List {
	if len(prof.LOATerms) == 0 {
		return nil
	}
	var fs finding.List
	m := in.Manifest
	for i, a := range m.Authorizations {
		var missing, fields []string
		for _, term := range profile.Terms {
			if !slices.Contains(prof.LOATerms, term) {
				continue
			}
			var empty []string
			switch term {
			case profile.TermLicensor:
				if strings.TrimSpace(a.Grantor) == "" {
					empty = append(empty, "grantor")
				}
			case profile.TermLicensee:
				if strings.TrimSpace(a.Grantee) == "" {
					empty = append(empty, "grantee")
				}
			case profile.TermGrant:
				if len(a.Trademarks) == 0 {
					empty = append(empty, "trademarks")
				}
				if strings.TrimSpace(a.Goods) == "" {
					empty = append(empty, "goods")
				}
			case profile.TermScope:
				if len(a.Territories) == 0 {
					empty = append(empty, "territories")
				}
			case profile.TermTerm:
				if a.From.IsZero() && a.To.IsZero() {
					empty = append(empty, "from", "to")
				}
			}
			if len(empty) > 0 {
				name := term
				if _, ok := messages["loa.term."+term]; ok {
					name = in.text("loa.term." + term)
				}
				missing = append(missing, in.text("loa.term.empty", name, strings.Join(empty, ":/")))
				fields = append(fields, empty...)
			}
		}
		if len(missing) == 0 {
			continue
		}
		ex := exhibitID(in.Exhibits.ExhibitFor(exhibit.Authorization, a.ID))
		list := strings.Join(missing, in.text("list.sep"))
		msg := in.text("loa.missing", a.ID, len(missing), prof.Label(), list)
		if ex != "" {
			msg = in.text("loa.missing.exhibit", a.ID, ex, len(missing), prof.Label(), list)
		} else {
			ex = a.ID
		}
		fs = append(fs, finding.Finding{Code: LOATermsMissing, Severity: finding.Error, Exhibit: ex,
			Where:   m.Where(fmt.Sprintf("authorizations[%d].%s", i, fields[0])),
			Message: msg,
			Hint:    in.text("loa.missing.hint", "`"+strings.Join(fields, ":`, `")+":`", cmp.Or(a.Grantor, in.text("loa.grantor")))})
	}
	return fs
}

// englishMarks reports trademarks without Latin letters on a platform whose
// profile asks for an English trademark.
func englishMarks(in Input, prof *profile.Profile) finding.List {
	if !prof.EnglishTrademark {
		return nil
	}
	var fs finding.List
	m := in.Manifest
	for i, t := range m.Trademarks {
		mark := norm.NFKC.String(t.Mark)
		if strings.TrimSpace(mark) == "" || strings.ContainsFunc(mark, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) {
			continue
		}
		ex := cmp.Or(exhibitID(in.Exhibits.ExhibitFor(exhibit.Trademark, t.ID)), t.ID)
		fs = append(fs, finding.Finding{Code: TMNotEnglish, Severity: finding.Warning, Exhibit: ex,
			Where:   m.Where(fmt.Sprintf("trademarks[%d].mark", i)),
			Message: in.text("tm.not_english", t.Mark, ex, prof.Label()),
			Hint:    in.text("tm.not_english.hint")})
	}
	return fs
}

// PacketFile is one file of a built packet, as it will be attached.
type PacketFile struct {
	Name string // shown in the message, e.g. "IPP-2024-0001234-packet.pdf"
	Size int64  // bytes
}

// PacketSize returns PACKET_OVER_LIMIT, an error, for every packet file
// larger than the largest attachment the platform takes
// (prof.MaxPacketBytes; 10 MB when prof is nil): the platform would refuse
// the upload. Its messages are in language l.
func PacketSize(l i18n.Lang, prof *profile.Profile, files ...PacketFile) finding.List {
	limit := prof.MaxPacketBytes()
	label, source := messages.Text(l, "packet.over.platform"), messages.Text(l, "packet.over.default")
	if prof != nil {
		label, source = prof.Label(), messages.Text(l, "packet.over.profile", prof.File)
	}
	var fs finding.List
	for _, f := range files {
		if f.Size <= limit {
			continue
		}
		fs = append(fs, finding.Finding{Code: PacketOverLimit, Severity: finding.Error, File: f.Name,
			Message: messages.Text(l, "packet.over", f.Name, profile.Bytes(f.Size), profile.Bytes(limit), label, source),
			Hint:    messages.Text(l, "packet.over.hint", profile.Bytes(limit))})
	}
	return fs
}

// FormTextTooLong (warning): the seller's statement alone is longer than
// the platform's appeal text box (profile form_text_chars).
const FormTextTooLong = "FORM_TEXT_TOO_LONG"

func formTextLimit(in Input, prof *profile.Profile) finding.List {
	n := utf8.RuneCountInString(strings.TrimSpace(in.Manifest.Case.Statement))
	if prof.FormTextChars == 0 || n <= prof.FormTextChars {
		return nil
	}
	var fs finding.List
	fs.Add(finding.Warning, FormTextTooLong, "", in.text("form_text.hint"),
		"%s", in.text("form_text", n, cmp.Or(prof.DisplayName, prof.Name), prof.FormTextChars))
	return fs
}
