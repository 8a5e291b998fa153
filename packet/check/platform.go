package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"appealpacket/internal/english"
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

// whyRequired says what a required field is for, and how to fill it in.
func whyRequired(field string) (what, hint string) {
	h := fieldHelp[genericField(field)]
	return h.what, cmp.Or(h.fill, "Fill in "+field+" in case.yaml.")
}

func requiredFields(in Input, prof *profile.Profile) finding.List {
	var fs finding.List
	m := in.Manifest
	for _, field := range prof.Missing(m) {
		what, hint := whyRequired(field)
		key := field[strings.LastIndexByte(field, '.')+1:]
		if line, comment, date, ok := m.CommentedDate(key); ok {
			fs = append(fs, finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Where: m.At(manifest.Pos{Line: line, Col: 1}),
				Message: fmt.Sprintf("%s is empty: its date %s is still inside the comment %q on line %d, which YAML ignores", field, date, comment, line),
				Hint:    fmt.Sprintf("Delete the \"#\" and the words before %s: on line %d, so that it reads %s: %s (indented like the fields around it).", key, line, key, date)})
			continue
		}
		msg := fmt.Sprintf("%s is empty, and %s needs it", field, prof.Label())
		if what != "" {
			msg += ": " + what
		}
		fs = append(fs, finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Where: m.Where(field), Message: msg, Hint: hint})
	}
	return fs
}

// fileTypes reports FILE_TYPE_NOT_ACCEPTED: the packet itself when the
// platform takes no PDF, and evidence files whose type the platform takes
// no upload of, one finding per type.
func fileTypes(in Input, prof *profile.Profile) finding.List {
	var fs finding.List
	accepted := strings.Join(prof.AcceptedTypes, ", ")
	if !prof.Accepts("pdf") {
		fs = append(fs, finding.Finding{Code: FileTypeNotAccepted, Severity: finding.Error,
			Message: fmt.Sprintf("the packet is a PDF, but %s takes only %s attachments (platform profile %s)", prof.Label(), accepted, prof.File),
			Hint:    fmt.Sprintf("Check accepted_types in %s: the packet needs pdf. If the platform really takes no PDF, send the exhibits one by one as it asks.", prof.File)})
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
	for _, t := range types {
		items := byType[t]
		names := make([]string, len(items))
		for i, it := range items {
			names[i] = it.Path.Rel
			if e := in.Exhibits.ExhibitOfFile(it.Path.Rel); e != nil {
				names[i] += " (" + e.ID + ")"
			}
		}
		f := finding.Finding{Code: FileTypeNotAccepted, Severity: finding.Info,
			Message: fmt.Sprintf("%s %s %s, a type %s takes no upload of (it takes %s). The packet shows %s, so the appeal is not affected; but if the reviewer asks for the original files, they cannot be uploaded as they are: %s",
				english.Count(len(items), "file"), verbBe(len(items)), t, prof.Label(), accepted, pronoun(len(items)), strings.Join(names, ", ")),
			Hint: "Keep the originals unchanged: converting them removes the camera metadata that proves they are yours. If the reviewer asks for them, send them the way the reviewer asks (for example in a ZIP or by a download link) and point to their SHA-256 in the packet's appendix."}
		if len(items) == 1 {
			f.File = items[0].Path.Rel
			f.Exhibit = exhibitID(in.Exhibits.ExhibitOfFile(f.File))
		}
		fs = append(fs, f)
	}
	return fs
}

func verbBe(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
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
					f.Message = fmt.Sprintf("listing picture %s is %d×%d pixels; %s wants pictures of at least %d pixels on each side, and a reviewer cannot compare details this small",
						it.Path.Rel, w, h, prof.Label(), minSide)
					f.Hint = fmt.Sprintf("Save the listing picture at full size (open the picture itself, not its thumbnail, and save that), at least %d×%d pixels.", minSide, minSide)
				} else {
					f.Message = fmt.Sprintf("%s is %d×%d pixels; %s wants pictures of at least %d pixels on each side. A camera original is normally thousands of pixels wide: one this small looks like a thumbnail or a copy sent through a chat app",
						it.Path.Rel, w, h, prof.Label(), minSide)
					f.Hint = "Use the file exactly as the camera or phone wrote it, at full size (copy it by cable or send it as a document, not as a chat picture)."
				}
				fs = append(fs, f)
			}
			if maxBytes > 0 && it.Size > maxBytes {
				fs = append(fs, finding.Finding{Code: PhotoTooLarge, Severity: finding.Info, Exhibit: e.ID, File: it.Path.Rel, Where: m.At(it.Path.Pos),
					Message: fmt.Sprintf("%s is %s; %s takes pictures of at most %s. The packet shows a reduced copy, so it is not affected; but the original cannot be uploaded as it is if the reviewer asks for it",
						it.Path.Rel, profile.Bytes(it.Size), prof.Label(), profile.Bytes(maxBytes)),
					Hint: "Keep the original unchanged (recompressing it removes the proof). If the reviewer asks for it, send it the way the reviewer asks (for example in a ZIP or by a download link) and point to its SHA-256 in the packet's appendix."})
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
	ref, refWhat := m.Case.ComplaintDate, "the complaint"
	if ref.IsZero() {
		ref, refWhat = m.Case.Prepared, "the packet date"
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
					Message: fmt.Sprintf("%s: invoice %s has no date, and %s accepts only invoices dated within %d days before the complaint", field("date"), file, prof.Label(), rules.MaxAgeDays),
					Hint:    "Copy the invoice's issue date into its `date:` field, as YYYY-MM-DD."})
			case !ref.IsZero():
				days := int(ref.Time().Sub(d.Date.Time()).Hours() / 24)
				if days > rules.MaxAgeDays {
					earliest := manifest.NewDate(ref.Time().AddDate(0, 0, -rules.MaxAgeDays).Date())
					fs = append(fs, finding.Finding{Code: InvoiceTooOld, Severity: finding.Error, Exhibit: ex, File: file, Where: m.Where(field("date")),
						Message: fmt.Sprintf("invoice %s is dated %s, %d days before %s of %s; %s accepts only invoices dated within %d days before it",
							file, d.Date, days, refWhat, ref, prof.Label(), rules.MaxAgeDays),
						Hint: fmt.Sprintf("Add a more recent invoice for these goods, dated %s or later; if its date was copied wrong, correct its `date:` field in case.yaml.", earliest)})
				}
			}
		}
		if rules.BuyerMustMatchSeller {
			switch {
			case strings.TrimSpace(d.Buyer) == "":
				fs = append(fs, finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Exhibit: ex, File: file, Where: m.Where(field("buyer")),
					Message: fmt.Sprintf("%s is empty: %s checks that invoice %s names you as the buyer", field("buyer"), prof.Label(), file),
					Hint:    fmt.Sprintf("Add buyer: \"...\" to documents[%d] in case.yaml, written exactly as on the invoice.", i)})
			case !sellers[chain.NormalizeParty(d.Buyer)]:
				known := "none is given"
				if len(names) > 0 {
					known = strings.Join(names, ", ")
				}
				fs = append(fs, finding.Finding{Code: InvoiceNameMismatch, Severity: finding.Error, Exhibit: ex, File: file, Where: m.Where(field("buyer")),
					Message: fmt.Sprintf("invoice %s is made out to %q, which is not one of your names (%s); %s accepts only invoices that name the seller", file, d.Buyer, known, prof.Label()),
					Hint: fmt.Sprintf("If %q is your company under another name, add it to seller.aliases; otherwise ask the supplier for an invoice made out to %s.",
						d.Buyer, strings.TrimSuffix(cmp.Or(m.Seller.LegalName, m.Seller.Store), "."))})
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
				if term == profile.TermScope {
					name = "geographic scope"
				}
				missing = append(missing, fmt.Sprintf("%s (%s: empty)", name, strings.Join(empty, ":/")))
				fields = append(fields, empty...)
			}
		}
		if len(missing) == 0 {
			continue
		}
		ex := exhibitID(in.Exhibits.ExhibitFor(exhibit.Authorization, a.ID))
		name := "authorization " + a.ID
		if ex != "" {
			name += " (exhibit " + ex + ")"
		} else {
			ex = a.ID
		}
		fs = append(fs, finding.Finding{Code: LOATermsMissing, Severity: finding.Error, Exhibit: ex,
			Where: m.Where(fmt.Sprintf("authorizations[%d].%s", i, fields[0])),
			Message: fmt.Sprintf("%s does not state %d of the terms %s requires in a letter of authorization: %s",
				name, len(missing), prof.Label(), strings.Join(missing, ", ")),
			Hint: fmt.Sprintf("If the letter states them, copy them into its fields %s in case.yaml; if it does not, ask %s for a letter that names the licensor, the licensee, the grant (trademarks and goods), the geographic scope and the term.",
				"`"+strings.Join(fields, ":`, `")+":`", cmp.Or(a.Grantor, "the grantor"))})
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
			Message: fmt.Sprintf("trademark %q (%s) has no Latin letters; %s asks for an English trademark", t.Mark, ex, prof.Label()),
			Hint:    "If the brand also has a registered English (Latin-letter) mark, add that trademark; otherwise expect the reviewer to ask for one."})
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
// the upload.
func PacketSize(prof *profile.Profile, files ...PacketFile) finding.List {
	limit := prof.MaxPacketBytes()
	label, source := "the platform", "the default limit"
	if prof != nil {
		label, source = prof.Label(), "platform profile "+prof.File
	}
	var fs finding.List
	for _, f := range files {
		if f.Size <= limit {
			continue
		}
		fs = append(fs, finding.Finding{Code: PacketOverLimit, Severity: finding.Error, File: f.Name,
			Message: fmt.Sprintf("%s is %s, over the %s that %s takes as one attachment (%s)", f.Name, profile.Bytes(f.Size), profile.Bytes(limit), label, source),
			Hint: fmt.Sprintf("Make the packet smaller than %s: leave out repeated or weak pictures, and scan documents at 150–200 dpi in greyscale; if the platform takes several attachments, split the exhibits into parts under the limit.",
				profile.Bytes(limit))})
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
	fs.Add(finding.Warning, FormTextTooLong, "", "Shorten case.statement, or keep it for the packet and paste a shorter summary into the form (appealpacket letter --kind form-text writes one).",
		"case.statement is %d characters; %s's appeal text box takes %d", n, cmp.Or(prof.DisplayName, prof.Name), prof.FormTextChars)
	return fs
}
