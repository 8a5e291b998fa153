package exif

import "strings"

// EditorKind says what a program named in a picture's metadata does to the
// pictures it saves.
type EditorKind int

const (
	// NotAnEditor: camera or phone firmware, a transfer tool, or a name
	// not known.
	NotAnEditor EditorKind = iota
	// MetadataEditor: a catalogue, raw developer or viewer that can write
	// metadata into a JPEG without touching its pixels (Lightroom, Bridge,
	// ACDSee, ...). Its name alone does not show the pixels changed.
	MetadataEditor
	// PixelEditor: a picture editor that encodes the picture anew whenever
	// it saves a JPEG (Photoshop, GIMP, Meitu, ...).
	PixelEditor
)

// Names of editors as they appear in EXIF Software, XMP CreatorTool and
// history software agents, lower-cased. Metadata editors are matched first
// ("Adobe Photoshop Lightroom" is Lightroom, not Photoshop).
var (
	metadataEditors = append([]string{
		"lightroom", "adobe bridge", "camera raw", "capture one", "darktable", "rawtherapee", "acdsee",
		"xnview", "irfanview", "digikam", "photo mechanic",
	}, exifEditors...)
	// exifEditors are programs made to change EXIF tags (capture time,
	// GPS position) of existing pictures.
	exifEditors = []string{
		"exiftool", "exiv2", "opanda", "powerexif", "exif pilot", "exifer", "geosetter", "exif date changer",
		"photo exif editor", "exif editor", "metadata++", "jhead", "exifmixer", "exif fixer",
	}
	pixelEditors = []string{
		"photoshop", "gimp", "paint.net", "meitu", "美图", "snapseed", "picsart", "pixelmator",
		"affinity photo", "luminar", "vsco", "canva", "fotor", "醒图", "faceapp", "facetune", "photoscape",
		"photodirector", "polarr", "lightx", "b612", "imagemagick", "graphicsmagick", "windows photo editor",
		"paint shop pro", "paintshop pro", "corel photo", "photopea", "photofiltre", "pixlr", "picasa",
		"photoroom", "remini", "inshot", "picmonkey", "befunky",
	}
)

// EXIFEditor returns the program software names when it is one made to
// change the EXIF tags of existing pictures (ExifTool, Opanda PowerExif,
// GeoSetter, ...), else "": the capture time and GPS position of a file it
// saved are not necessarily the camera's.
func EXIFEditor(software string) string {
	s := strings.ToLower(software)
	for _, e := range exifEditors {
		if strings.Contains(s, e) {
			return e
		}
	}
	return ""
}

// Editor returns the editor that software names (as found in the lists
// above) and its kind; "" and NotAnEditor when it names none.
func Editor(software string) (name string, kind EditorKind) {
	s := strings.ToLower(software)
	for _, e := range metadataEditors {
		if strings.Contains(s, e) {
			return e, MetadataEditor
		}
	}
	for _, e := range pixelEditors {
		if strings.Contains(s, e) {
			return e, PixelEditor
		}
	}
	return "", NotAnEditor
}

// pixelActions are the XMP history actions (stEvt:action) that make new
// pixels whatever program did them.
var pixelActions = map[string]bool{
	"converted": true, "derived": true, "cropped": true, "edited": true, "filtered": true,
	"resized": true, "produced": true,
}

// PixelEvent returns the first XMP history event that re-encoded the
// picture: an action that makes new pixels ("converted", "derived",
// "cropped", ...), or "saved" by a pixel editor. ok is false when there is
// none.
func (x *XMP) PixelEvent() (e XMPEvent, ok bool) {
	if x == nil {
		return XMPEvent{}, false
	}
	for _, e := range x.History {
		_, kind := Editor(e.SoftwareAgent)
		action := strings.ToLower(e.Action)
		if pixelActions[action] || action == "saved" && kind == PixelEditor {
			return e, true
		}
	}
	return XMPEvent{}, false
}
