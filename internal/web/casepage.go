package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet"
	"appealpacket/packet/finding"
)

// caseView is what the case page shows.
type caseView struct {
	Name      string
	HasYAML   bool
	Sections  []section
	Photos    []PhotoGroup
	PhotoNote map[string][]finding.Finding
	General   finding.List // findings about no field or photo
	Ready     bool
	CheckErr  string
	Listings  []packet.ListingPicture
	Outputs   []string
	Job       *jobState
	Verify    *packet.VerifyReport
}

type section struct {
	Name   string
	Fields []fieldView
}

type fieldView struct {
	Field
	Findings []finding.Finding
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	name, dir, ok := s.caseDir(r)
	if !ok {
		s.fail(w, r, http.StatusNotFound, "err.nocase")
		return
	}
	v := &caseView{Name: name, PhotoNote: map[string][]finding.Finding{}}
	data, err := os.ReadFile(filepath.Join(dir, "case.yaml"))
	if err == nil {
		v.HasYAML = true
		s.fillCase(r.Context(), v, dir, data, langOf(r))
	}
	v.Outputs, _ = outputs(s.outDir(name))
	v.Job = s.jobState(name)
	s.render(w, r, http.StatusOK, "case.html", &page{Title: name, Case: v})
}

// fillCase runs the check and places each finding beside its field or file.
func (s *Server) fillCase(ctx context.Context, v *caseView, dir string, data []byte, lang i18n.Lang) {
	fields, err := Fields(data)
	if err != nil {
		v.CheckErr = err.Error()
	}
	v.Photos = Photos(data)
	var fs finding.List
	if s.acquire(ctx) {
		rep, err := packet.Check(ctx, dir, packet.Options{Logger: s.log, CacheDir: s.cacheDir(), Lang: lang.Code(), Tesseract: s.tesseract()})
		s.release()
		if err != nil {
			v.CheckErr = err.Error()
		} else {
			fs, v.Ready, v.Listings = rep.Findings, rep.Ready, rep.ListingPictures
		}
	}
	byLine := map[int]int{}
	for i, f := range fields {
		byLine[f.Line] = i
	}
	attached := make([][]finding.Finding, len(fields))
	photo := map[string]bool{}
	for _, g := range v.Photos {
		for _, p := range g.Paths {
			photo[p] = true
		}
	}
	for _, f := range fs {
		if i, ok := byLine[whereLine(f.Where)]; ok && f.Where != "" {
			attached[i] = append(attached[i], f)
			continue
		}
		if f.File != "" && photo[f.File] {
			v.PhotoNote[f.File] = append(v.PhotoNote[f.File], f)
			continue
		}
		v.General = append(v.General, f)
	}
	for i, f := range fields {
		if f.Section == "photos" || f.Section == "version" {
			continue
		}
		if len(v.Sections) == 0 || v.Sections[len(v.Sections)-1].Name != f.Section {
			v.Sections = append(v.Sections, section{Name: f.Section})
		}
		sec := &v.Sections[len(v.Sections)-1]
		sec.Fields = append(sec.Fields, fieldView{Field: f, Findings: attached[i]})
	}
}

// cacheDir keeps the per-file work of checks and builds (package cache)
// in the workspace: a page shown again after each change of the form
// reads only what changed.
func (s *Server) cacheDir() string { return filepath.Join(s.cfg.Workspace, ".cache") }

// whereLine reads the line of a finding's "case.yaml:12:5".
func whereLine(where string) int {
	parts := strings.Split(where, ":")
	if len(parts) < 2 {
		return 0
	}
	var n int
	fmt.Sscanf(parts[1], "%d", &n)
	return n
}

// job is a case's build in the background.
type job struct {
	mu    sync.Mutex
	state jobState
	subs  map[chan jobState]bool
}

// jobState is what the page shows of a build.
type jobState struct {
	Running bool
	Stage   string
	Done    int
	Total   int
	Error   string
	Ready   bool
	Took    string
	// Shown is when the page was drawn: the Refresh link of a running
	// build carries it, so that following the link loads the page again
	// (a link that differs only by its #fragment would not, and without
	// JavaScript the link is the only way to see the build go on).
	Shown int64 `json:"-"`
}

func (s *Server) jobState(name string) *jobState {
	s.mu.Lock()
	j := s.jobs[name]
	s.mu.Unlock()
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	st := j.state
	st.Shown = time.Now().UnixNano()
	return &st
}

func (j *job) set(f func(*jobState)) {
	j.mu.Lock()
	f(&j.state)
	st := j.state
	for c := range j.subs {
		select {
		case c <- st:
		default:
		}
	}
	j.mu.Unlock()
}

// build starts the case's build in the background (one per case).
func (s *Server) build(w http.ResponseWriter, r *http.Request) {
	name, dir, ok := s.caseDir(r)
	if !ok {
		s.fail(w, r, http.StatusNotFound, "err.nocase")
		return
	}
	s.mu.Lock()
	j := s.jobs[name]
	if j != nil && j.isRunning() {
		s.mu.Unlock()
		s.fail(w, r, http.StatusConflict, "err.busy")
		return
	}
	j = &job{subs: map[chan jobState]bool{}, state: jobState{Running: true, Stage: "collect"}}
	s.jobs[name] = j
	s.mu.Unlock()
	go s.runBuild(j, name, dir)
	http.Redirect(w, r, "/case/"+name+"#build", http.StatusSeeOther)
}

func (j *job) isRunning() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.state.Running
}

func (s *Server) runBuild(j *job, name, dir string) {
	start := time.Now()
	ctx := context.Background()
	s.acquire(ctx)
	defer s.release()
	out := s.outDir(name)
	err := os.MkdirAll(out, 0o755)
	if err == nil {
		_, err = packet.Build(ctx, dir, packet.Options{OutDir: out, Logger: s.log, Overwrite: true, CacheDir: s.cacheDir(), Tesseract: s.tesseract(),
			Progress: func(p packet.Progress) {
				j.set(func(st *jobState) { st.Stage, st.Done, st.Total = p.Stage, p.Done, p.Total })
			}})
	}
	j.set(func(st *jobState) {
		st.Running = false
		st.Stage = "done"
		st.Took = time.Since(start).Round(100 * time.Millisecond).String()
		var nr *packet.NotReadyError
		switch {
		case errors.As(err, &nr):
			st.Error = nr.Error()
		case err != nil:
			st.Error = err.Error()
		default:
			st.Ready = true
		}
	})
	s.log.Info("build", "case", name, "took", time.Since(start), "err", err)
}

// events streams the case's build state as Server-Sent Events until the
// build ends; every tab gets the same state.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	name, _, ok := s.caseDir(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	j := s.jobs[name]
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fl, _ := w.(http.Flusher)
	send := func(st jobState) {
		ev := "progress"
		if !st.Running {
			ev = "done"
		}
		fmt.Fprintf(w, "event: %s\ndata: {\"stage\":%q,\"done\":%d,\"total\":%d,\"error\":%q}\n\n", ev, st.Stage, st.Done, st.Total, st.Error)
		if fl != nil {
			fl.Flush()
		}
	}
	if j == nil {
		send(jobState{Stage: "none"})
		return
	}
	c := make(chan jobState, 16)
	j.mu.Lock()
	st := j.state
	j.subs[c] = true
	j.mu.Unlock()
	defer func() { j.mu.Lock(); delete(j.subs, c); j.mu.Unlock() }()
	send(st)
	for st.Running {
		select {
		case st = <-c:
			send(st)
		case <-r.Context().Done():
			return
		}
	}
}
