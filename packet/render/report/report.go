// Package report writes the seller's report of a check as one HTML page:
// the findings grouped by severity, each with its exhibit, file, case.yaml
// line, what to do and a thumbnail of the picture it concerns, and the
// listing pictures beside the originals they were made from. It is for the
// seller, never sent to the platform: the packet and its index address the
// reviewer.
package report

import (
	"encoding/base64"
	"html/template"
	"io"

	"appealpacket/packet/finding"
)

// Data is what the page shows.
type Data struct {
	CaseID   string
	Ready    bool
	Findings finding.List
	Listings []Listing
	// Thumbnails are small JPEGs of the pictures, by file path relative to
	// the case folder.
	Thumbnails map[string][]byte
}

// Listing is a listing picture and its originals.
type Listing struct {
	Exhibit, File, Listing string
	Originals              []Original
}

// Original is an original photo a listing picture was made from.
type Original struct {
	Exhibit, File, How string
	Distance           int
}

// group is one severity's findings.
type group struct {
	Title    string
	Class    string
	Findings finding.List
}

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"thumb": func(d *Data, file string) template.URL {
		b, ok := d.Thumbnails[file]
		if !ok {
			return ""
		}
		return template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(b))
	},
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.D.CaseID}}: check report</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em} h2{font-size:1.2em;margin-top:2em}
.verdict{font-weight:bold;padding:.5em 1em;border-radius:4px;display:inline-block}
.ready{background:#e3f4e3;color:#185c18} .notready{background:#fbe4e4;color:#8a1616}
.finding{border-left:4px solid #999;padding:.4em .8em;margin:.8em 0;display:flex;gap:1em}
.error{border-color:#c62828} .warning{border-color:#e0a100} .info{border-color:#6b8fb3}
.code{font-family:ui-monospace,monospace;font-weight:bold}
.meta{color:#555;font-size:.9em} .hint{margin-top:.3em}
img{max-width:160px;max-height:160px;border:1px solid #ccc}
table{border-collapse:collapse} td,th{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
</style></head><body>
<h1>{{.D.CaseID}}: what the check found</h1>
<p class="verdict {{if .D.Ready}}ready{{else}}notready{{end}}">{{if .D.Ready}}READY: no blocking issues{{else}}NOT READY: fix the errors before you build{{end}}</p>
<p class="meta">For you, not for the platform: the packet and its index do not carry these notes.</p>
{{range .Groups}}{{if .Findings}}
<h2>{{.Title}} ({{len .Findings}})</h2>
{{range .Findings}}<div class="finding {{$.ClassOf .Severity}}">
{{with thumb $.D .File}}<img src="{{.}}" alt="">{{end}}
<div><div><span class="code">{{.Code}}</span>{{if .Exhibit}} · exhibit {{.Exhibit}}{{end}}</div>
<div>{{.Message}}</div>
{{if or .File .Where}}<div class="meta">{{if .File}}file {{.File}}{{end}}{{if and .File .Where}} · {{end}}{{if .Where}}{{.Where}}{{end}}</div>{{end}}
<div class="hint"><b>What to do:</b> {{.Hint}}</div></div>
</div>{{end}}{{end}}{{end}}
{{if .D.Listings}}<h2>Listing pictures and their originals</h2>
<table><tr><th>Listing picture</th><th>Original</th><th></th></tr>
{{range .D.Listings}}<tr><td>{{with thumb $.D .File}}<img src="{{.}}" alt=""><br>{{end}}{{.Exhibit}} {{.File}}</td>
<td>{{range .Originals}}{{with thumb $.D .File}}<img src="{{.}}" alt=""><br>{{end}}{{.Exhibit}} {{.File}}<br>{{.How}}, distance {{.Distance}}<br>{{else}}no original found{{end}}</td><td></td></tr>{{end}}
</table>{{end}}
</body></html>
`))

// view is the template's data.
type view struct {
	D      *Data
	Groups []group
}

// ClassOf is a severity's CSS class.
func (view) ClassOf(s finding.Severity) string { return s.String() }

// WriteHTML writes the report page.
func WriteHTML(w io.Writer, d *Data) error {
	v := view{D: d}
	for _, g := range []group{{Title: "Errors: the appeal would fail", Class: "error"}, {Title: "Warnings: a reviewer may doubt", Class: "warning"}, {Title: "Notes", Class: "info"}} {
		for _, f := range d.Findings {
			if f.Severity.String() == g.Class {
				g.Findings = append(g.Findings, f)
			}
		}
		v.Groups = append(v.Groups, g)
	}
	return page.Execute(w, v)
}
