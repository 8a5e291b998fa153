// Package web is the local web page of `appealpacket serve`: a seller goes
// from a folder of files to a downloaded packet without a terminal or YAML.
//
// A Server serves one workspace (a folder of case folders, the same folders
// the CLI uses) on a loopback address. Every request must carry the run's
// random token (in the first URL, then as an HttpOnly, SameSite=Strict
// cookie), a loopback Host (against DNS rebinding) and, when it changes
// something, an Origin of the page itself (against cross-site requests).
// Uploads stream to disk inside the case folder through an os.Root, under a
// size limit per file and per case; names are sanitised and never overwrite
// a file. The work is the library's: initcase.Init sorts the files,
// packet.Check checks them, packet.Build builds (in the background, one
// build per case, progress as Server-Sent Events) and packet.Verify checks a
// packet. The draft case.yaml is shown as a form whose edits change only the
// edited values' text (Fields, SetValues): comments and layout stay.
//
// The page speaks English and Chinese (catalogue messages, following
// Accept-Language, switchable) and works without JavaScript except for
// drag and drop.
package web
