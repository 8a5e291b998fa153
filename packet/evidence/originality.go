package evidence

import "appealpacket/internal/i18n"

// Originality is what a picture file shows about whether its pixels are
// the ones its camera wrote: the pixel size against the size in its EXIF,
// its embedded thumbnail against its pixels, how its JPEG was encoded,
// and the editors its metadata names. A reviewer compares the same things.
type Originality struct {
	// Derived is set when the pixels were changed after capture (resized,
	// cropped, captioned, mirrored, converted or saved again by an
	// editor): Reasons says why.
	Derived bool `json:",omitempty"`
	// Reasons are the signs of editing, one per independent sign,
	// strongest first ("it is 1152×768 pixels but its EXIF says the camera
	// wrote 5184×3456, so it was resized after it was taken").
	Reasons []Sign `json:",omitempty"`
	// Doubts are weaker signs of editing, not enough on their own (two
	// are).
	Doubts []Sign `json:",omitempty"`
	// Unchecked says what could not be compared, and why.
	Unchecked []Sign `json:",omitempty"`
	// Agrees lists what was compared and found as a camera writes it
	// ("its pixel size is the 4032×3024 its EXIF records"), for the
	// exhibit page.
	Agrees []Sign `json:",omitempty"`
	// Software names the editor found in the metadata, if any, and whether
	// it is one that re-encodes every picture it saves.
	Software      string `json:",omitempty"`
	PixelSoftware bool   `json:",omitempty"`
}

// Summary is one sentence in language l for a report or an exhibit page:
// the reasons when Derived, else what agrees.
func (o *Originality) Summary(l i18n.Lang) string {
	if o == nil {
		return ""
	}
	if o.Derived {
		return SignsText(l, o.Reasons)
	}
	return SignsText(l, o.Agrees)
}
