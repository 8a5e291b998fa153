// Package templates holds the texts appealpacket writes for a seller, as
// text/template files embedded in the binary: the appeal statement for each
// case type and language (statement/<type>.<lang>.tmpl) and letters
// (letter/<kind>.<lang>.tmpl). A user can replace any of them with
// `--template FILE`.
package templates

import "embed"

// FS holds every template.
//
//go:embed statement letter
var FS embed.FS
