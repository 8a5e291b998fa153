package packet

import (
	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
)

// messages are the package's own words to a person: the error that a case
// is not ready.
var messages = i18n.Catalog{
	"notready": {EnOne: "not ready: %d blocking issue found; fix it (see `appealpacket check`) or %s with --force",
		En: "not ready: %d blocking issues found; fix them (see `appealpacket check`) or %s with --force",
		Zh: "尚未就绪：发现 %d 个阻断性问题；请先解决（见 `appealpacket check`），或用 --force %s"},
	"notready.build":  {En: "build", Zh: "强制生成"},
	"notready.letter": {En: "write the letter", Zh: "强制写出申诉信"},
}

// NotReadyError is returned by Build and Letter when checks found blocking
// errors and Options.Force was not set.
type NotReadyError struct {
	Findings finding.List
	Lang     i18n.Lang // the language of Error: the case's (case.language, or Options.Lang)
	Letter   bool      // returned by Letter: --force writes the letter
}

func (e *NotReadyError) Error() string { return e.In(e.Lang) }

// In is the error's text in language l: "not ready: 2 blocking issues
// found; …".
func (e *NotReadyError) In(l i18n.Lang) string {
	n := e.Findings.Count(finding.Error)
	what := "notready.build"
	if e.Letter {
		what = "notready.letter"
	}
	return messages.Count(l, "notready", n, n, messages.Text(l, what))
}
