package evidence

import (
	"fmt"
	"time"

	"appealpacket/packet/pdfsrc"
	"appealpacket/packet/sign"
)

// PaperSignature is a digital signature of an evidence PDF (a letter signed
// with Acrobat Sign or DocuSign, say), as read and checked.
type PaperSignature struct {
	Signer   string    // the signer certificate's name, else the signature's /Name
	Declared time.Time // the signing time the signer's computer declared; zero when absent
	Kind     string    // "signature" or "document timestamp"
	// Verifies is true when the signer's key signed exactly the bytes the
	// signature covers (trust in the signer's certificate is not looked at).
	Verifies bool
	Problem  string // why it does not verify
	// WholeFile is true when the signature covers the whole file: nothing
	// was added after signing.
	WholeFile bool
}

// readSignatures reads and checks the digital signatures of a PDF item. A
// failure to read them is a note.
func readSignatures(it *Item, data []byte, opts *Options) {
	fields, err := pdfsrc.Signatures(data, opts.PDFPassword)
	if err != nil {
		it.Notes = append(it.Notes, fmt.Sprintf("its digital signatures could not be read: %v", err))
	}
	for _, f := range fields {
		s := PaperSignature{Signer: f.Name, Declared: f.Declared, Kind: "signature", WholeFile: f.Covers(data)}
		if f.SubFilter == "ETSI.RFC3161" {
			s.Kind = "document timestamp"
			s.Problem = "document timestamps are not checked"
			it.Signatures = append(it.Signatures, s)
			continue
		}
		signed, err := f.Signed(data)
		if err == nil {
			var name string
			_, name, err = sign.CheckDetached(signed, f.Contents, f.SubFilter)
			if name != "" {
				s.Signer = name
			}
		}
		if err != nil {
			s.Problem = err.Error()
		} else {
			s.Verifies = true
		}
		it.Signatures = append(it.Signatures, s)
	}
}
