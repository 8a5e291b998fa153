// Package digest writes SHA-256 values the way appealpacket shows them
// everywhere (packets, manifests, the index, the cache): lower-case hex.
package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
)

// Hex is the hex SHA-256 of data.
func Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Reader is the hex SHA-256 of everything r holds, read in a stream, and
// the number of bytes read.
func Reader(r io.Reader) (string, int64, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
