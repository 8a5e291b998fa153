//go:build !unix

package regularfile

import "os"

// readOnly is the flag files are opened with.
const readOnly = os.O_RDONLY
