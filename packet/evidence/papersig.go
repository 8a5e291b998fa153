package evidence

import "time"

// PaperSignature is a digital signature of an evidence PDF (a letter signed
// with Acrobat Sign or DocuSign, say), as read and checked.
type PaperSignature struct {
	Signer string // the signer certificate's name, else the signature's /Name
	// Organization is the organisation the signer's certificate names (its
	// subject's O), when it names one: the company the signer signs for.
	Organization string
	Declared     time.Time // the signing time the signer's computer declared; zero when absent
	Kind         string    // "signature" or "document timestamp"
	// Verifies is true when the signer's key signed exactly the bytes the
	// signature covers (trust in the signer's certificate is not looked at).
	Verifies bool
	Problem  string // why it does not verify
	// Unchecked is set, with Problem, when the signature was not checked
	// (a document timestamp, or a format this program cannot read): it
	// neither verifies nor fails.
	Unchecked bool
	// SelfSigned is true when the signer's certificate is signed by its
	// own key: nobody but the signer vouches for the name in it.
	SelfSigned bool
	// WholeFile is true when the signature covers the whole file: nothing
	// was added after signing.
	WholeFile bool
}
