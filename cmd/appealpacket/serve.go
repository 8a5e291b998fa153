package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"

	"appealpacket/internal/web"
)

func serveCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:        "serve",
		Usage:       hl(l, "serve.usage"),
		ArgsUsage:   "[WORKSPACE_DIR]",
		Description: hl(l, "serve.description"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:0", Usage: hl(l, "flag.serve.addr")},
			&cli.BoolFlag{Name: "listen-any", Usage: hl(l, "flag.serve.listen-any")},
			&cli.BoolFlag{Name: "no-browser", Usage: hl(l, "flag.serve.no-browser")},
			&cli.Int64Flag{Name: "max-file-mb", Value: 200, Usage: hl(l, "flag.serve.max-file-mb")},
			&cli.Int64Flag{Name: "max-case-mb", Value: 2048, Usage: hl(l, "flag.serve.max-case-mb")},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return cli.Exit("serve takes at most one folder; see `appealpacket help serve`", exitError)
			}
			dir := c.Args().First()
			if dir == "" {
				home, err := os.UserHomeDir()
				if err != nil {
					return cli.Exit(fmt.Sprintf("no home folder (%v): name the workspace folder", err), exitError)
				}
				dir = filepath.Join(home, "AppealPacket")
			}
			addr := c.String("addr")
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return cli.Exit(fmt.Sprintf("--addr %q: want HOST:PORT (%v)", addr, err), exitError)
			}
			var hosts []string
			if !loopback(host) {
				if !c.Bool("listen-any") {
					return cli.Exit(fmt.Sprintf("--addr %q is not a loopback address: anyone on the network could reach the page; add --listen-any if that is what you want", addr), exitError)
				}
				fmt.Fprintf(c.App.ErrWriter, "appealpacket: WARNING: listening on %s: the page is reachable from the network by anyone who has its address (with the token)\n", addr)
				hosts = append(hosts, host)
			}
			token, err := newToken()
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			srv, err := web.New(web.Config{Workspace: dir, Token: token, Hosts: hosts, Logger: logger(c),
				MaxFile: c.Int64("max-file-mb") << 20, MaxCase: c.Int64("max-case-mb") << 20})
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return cli.Exit(fmt.Sprintf("listening on %s: %v", addr, err), exitError)
			}
			pageURL := fmt.Sprintf("http://%s/?token=%s", ln.Addr(), token)
			fmt.Fprintf(c.App.Writer, "appealpacket serve: workspace %s\nOpen %s\n(Ctrl-C stops)\n", dir, pageURL)
			if !c.Bool("no-browser") {
				if err := openBrowser(pageURL); err != nil {
					fmt.Fprintf(c.App.ErrWriter, "appealpacket: could not open a browser (%v): open the address above\n", err)
				}
			}
			hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
			go func() {
				<-c.Context.Done()
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				hs.Shutdown(ctx)
			}()
			if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return cli.Exit(fmt.Sprintf("serving: %v", err), exitError)
			}
			return nil
		},
	}
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func newToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making the page's token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// openBrowser opens url in the user's browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
