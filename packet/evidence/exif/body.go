package exif

import "strings"

// Body is the identity of the camera body that took a photo: the camera
// (make and model) and, when the file has one, a serial that tells this
// body from every other of the model. Two photos with the same Camera but
// different serials come from two cameras.
type Body struct {
	// Camera is Meta.Camera(): the make and the model, "" when unknown.
	Camera string
	// Serial is the body serial (Meta.SerialNumber), else the maker's
	// internal serial (Meta.InternalSerialNumber); "" when the file has
	// neither, or only a placeholder of zeros.
	Serial string
	// Source is the ExifTool tag Serial was read from, group-qualified
	// ("ExifIFD:SerialNumber", "Canon:SerialNumber",
	// "Canon:InternalSerialNumber"), so that a page can cite it.
	Source string
	// Internal is set when Serial is an internal serial number: unique to
	// the body, but not the number printed on it.
	Internal bool
}

// Body returns the identity of the camera body (see Body). A serial made
// only of zeros, which some cameras write for "none", is no identity and
// is left out.
func (m *Meta) Body() Body {
	if m == nil {
		return Body{}
	}
	b := Body{Camera: m.Camera()}
	switch {
	case m.SerialNumber != "" && !placeholderSerial(m.SerialNumber):
		b.Serial, b.Source = m.SerialNumber, m.SerialNumberSource
	case m.InternalSerialNumber != "" && !placeholderSerial(m.InternalSerialNumber):
		b.Serial, b.Source, b.Internal = m.InternalSerialNumber, m.InternalSerialNumberSource, true
	}
	return b
}

// Identified reports whether b names one body: a camera and a serial.
func (b Body) Identified() bool { return b.Camera != "" && b.Serial != "" }

// String names the body for people: "Canon EOS 5D Mark III, serial
// 072024000973", "Canon EOS REBEL T3i, internal serial ZA2146315", or the
// camera alone when there is no serial.
func (b Body) String() string {
	switch {
	case b.Serial == "":
		return b.Camera
	case b.Internal:
		return strings.TrimSpace(b.Camera + ", internal serial " + b.Serial)
	}
	return strings.TrimSpace(b.Camera + ", serial " + b.Serial)
}

// SameAs tells whether b and o are the same body. known is false when the
// files cannot tell: a camera is unknown, or the cameras agree but a
// serial is missing on either side, or one side has the body serial and
// the other only an internal one. Different cameras are known to be
// different bodies, serial or not. Cameras and serials are compared
// without regard to case or surrounding spaces.
func (b Body) SameAs(o Body) (same, known bool) {
	if b.Camera == "" || o.Camera == "" {
		return false, false
	}
	if !strings.EqualFold(strings.TrimSpace(b.Camera), strings.TrimSpace(o.Camera)) {
		return false, true
	}
	if b.Serial == "" || o.Serial == "" || b.Internal != o.Internal {
		return false, false
	}
	return strings.EqualFold(strings.TrimSpace(b.Serial), strings.TrimSpace(o.Serial)), true
}
