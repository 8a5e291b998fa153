//go:build race

package web

// slowdown is how many times longer the browser flows may take: the race
// detector makes the server's work several times slower.
const slowdown = 4
