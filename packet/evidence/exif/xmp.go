package exif

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits on reading an XMP packet.
const (
	// MaxXMPBytes caps the XMP packet read (a JPEG's is at most 64 KiB).
	MaxXMPBytes = 1 << 20
	// maxXMPTokens caps the XML tokens read from one packet.
	maxXMPTokens = 200000
	// maxXMPDepth caps the nesting of XML elements.
	maxXMPDepth = 64
	// maxXMPEvents caps the history events kept.
	maxXMPEvents = 100
	// maxXMPText caps the text kept of one value.
	maxXMPText = 1024
)

// XMP is what appealpacket reads of a file's XMP packet: the tool that
// made it, its dates and its editing history. Values are as written
// (dates in XMP's ISO 8601 form), empty when absent.
type XMP struct {
	CreatorTool string // xmp:CreatorTool
	// Dates: xmp:CreateDate, xmp:ModifyDate, xmp:MetadataDate,
	// photoshop:DateCreated, exif:DateTimeOriginal, exif:DateTimeDigitized.
	CreateDate, ModifyDate, MetadataDate             string
	DateCreated, DateTimeOriginal, DateTimeDigitized string
	// PhotoshopHistory is photoshop:History, Photoshop's edit log.
	PhotoshopHistory string
	// History lists the xmpMM:History events.
	History []XMPEvent
	// DerivedFrom is xmpMM:DerivedFrom's stRef:documentID (or
	// stRef:instanceID): the document this one was saved from.
	DerivedFrom string
	// DocumentID is xmpMM:DocumentID ("adobe:docid:photoshop:…").
	DocumentID string
}

// XMPEvent is one xmpMM:History event (stEvt:action, softwareAgent, when,
// parameters).
type XMPEvent struct {
	Action, SoftwareAgent, When, Parameters string
}

// XML namespaces of the properties read.
const (
	nsRDF       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsXMP       = "http://ns.adobe.com/xap/1.0/"
	nsXMPMM     = "http://ns.adobe.com/xap/1.0/mm/"
	nsStEvt     = "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
	nsStRef     = "http://ns.adobe.com/xap/1.0/sType/ResourceRef#"
	nsPhotoshop = "http://ns.adobe.com/photoshop/1.0/"
	nsEXIF      = "http://ns.adobe.com/exif/1.0/"
)

// xmpField names a simple property and where its value goes.
type xmpField struct{ space, local string }

func (x *XMP) simple(f xmpField) *string {
	switch f {
	case xmpField{nsXMP, "CreatorTool"}:
		return &x.CreatorTool
	case xmpField{nsXMP, "CreateDate"}:
		return &x.CreateDate
	case xmpField{nsXMP, "ModifyDate"}:
		return &x.ModifyDate
	case xmpField{nsXMP, "MetadataDate"}:
		return &x.MetadataDate
	case xmpField{nsPhotoshop, "DateCreated"}:
		return &x.DateCreated
	case xmpField{nsPhotoshop, "History"}:
		return &x.PhotoshopHistory
	case xmpField{nsEXIF, "DateTimeOriginal"}:
		return &x.DateTimeOriginal
	case xmpField{nsEXIF, "DateTimeDigitized"}:
		return &x.DateTimeDigitized
	case xmpField{nsXMPMM, "DocumentID"}:
		return &x.DocumentID
	}
	return nil
}

func (e *XMPEvent) field(local string) *string {
	switch local {
	case "action":
		return &e.Action
	case "softwareAgent":
		return &e.SoftwareAgent
	case "when":
		return &e.When
	case "parameters":
		return &e.Parameters
	}
	return nil
}

// ParseXMP reads an XMP packet (RDF/XML). Properties may be written as
// attributes or as elements, history events as attributes of rdf:li or as
// its child elements. It returns what it read before any error: a
// malformed packet yields a partial *XMP and an error saying where it
// broke. Work is bounded (MaxXMPBytes, and caps on tokens and depth).
func ParseXMP(packet []byte) (*XMP, error) {
	x := &XMP{}
	if len(packet) > MaxXMPBytes {
		return x, fmt.Errorf("XMP packet of %d bytes exceeds the %d-byte limit", len(packet), MaxXMPBytes)
	}
	// An XMP packet may be padded with NULs or spaces after its trailer.
	packet = bytes.TrimRight(packet, "\x00 \r\n\t")
	d := xml.NewDecoder(bytes.NewReader(packet))
	d.Strict = true
	d.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("XMP in charset %q is not read", charset)
	}

	type frame struct {
		name    xml.Name
		target  *string // the simple property or event field this element holds
		history bool    // xmpMM:History
		event   bool    // an rdf:li of the history: an event starts
		derived bool    // xmpMM:DerivedFrom
	}
	var stack []frame
	inHistory := func() bool {
		for _, f := range stack {
			if f.history {
				return true
			}
		}
		return false
	}
	inDerived := func() bool {
		for _, f := range stack {
			if f.derived {
				return true
			}
		}
		return false
	}
	var event *XMPEvent // the event being read
	eventDepth := -1
	var text strings.Builder
	set := func(dst *string, v string) {
		v = strings.TrimSpace(v)
		if len(v) > maxXMPText {
			v = v[:maxXMPText]
		}
		if *dst == "" {
			*dst = strings.ToValidUTF8(v, "\uFFFD")
		}
	}
	for n := 0; ; n++ {
		if n >= maxXMPTokens {
			return x, fmt.Errorf("XMP packet has more than %d XML tokens; the rest ignored", maxXMPTokens)
		}
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return x, fmt.Errorf("XMP packet is not well-formed XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxXMPDepth {
				return x, fmt.Errorf("XMP elements nested deeper than %d", maxXMPDepth)
			}
			name := t.Name // namespace resolved by Token
			f := frame{name: name}
			text.Reset()
			switch {
			case name.Space == nsXMPMM && name.Local == "History":
				f.history = true
			case name.Space == nsXMPMM && name.Local == "DerivedFrom":
				f.derived = true
			case name.Space == nsRDF && name.Local == "li" && inHistory() && event == nil && len(x.History) < maxXMPEvents:
				x.History = append(x.History, XMPEvent{})
				event = &x.History[len(x.History)-1]
				eventDepth = len(stack)
				f.event = true
			case event != nil && name.Space == nsStEvt:
				f.target = event.field(name.Local)
			case inDerived() && name.Space == nsStRef && (name.Local == "documentID" || name.Local == "instanceID"):
				f.target = &x.DerivedFrom
			default:
				f.target = x.simple(xmpField{name.Space, name.Local})
			}
			for _, a := range t.Attr {
				an := a.Name
				switch {
				case event != nil && an.Space == nsStEvt:
					if p := event.field(an.Local); p != nil {
						set(p, a.Value)
					}
				case inDerived() || f.derived:
					if an.Space == nsStRef && (an.Local == "documentID" || an.Local == "instanceID") {
						set(&x.DerivedFrom, a.Value)
					}
				default:
					if p := x.simple(xmpField{an.Space, an.Local}); p != nil {
						set(p, a.Value)
					}
				}
			}
			stack = append(stack, f)
		case xml.CharData:
			if text.Len() < maxXMPText {
				text.Write(t[:min(len(t), maxXMPText)])
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return x, fmt.Errorf("XMP packet is not well-formed XML: unexpected end tag </%s>", t.Name.Local)
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.target != nil {
				set(f.target, text.String())
			}
			if f.event && len(stack) == eventDepth {
				event, eventDepth = nil, -1
			}
			text.Reset()
		}
	}
	return x, nil
}
