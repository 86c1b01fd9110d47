package ui

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"badgewallet/internal/benchdata"
	"badgewallet/ui/common"
	"badgewallet/ui/pages/list"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
)

const bigWallet = 100_000

// bigWalletPath creates a wallet of bigWallet synthetic badges (a third
// accepted, with an identity so that it is not a first run) once per
// benchmark. The program draws in true colour, as in a modern terminal.
func bigWalletPath(b *testing.B) string {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "wallet.db")
	w, err := wallet.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := w.AddIdentity(ctx, "learner@example.com", true); err != nil {
		b.Fatal(err)
	}
	w.Close()
	benchdata.FillWallet(b, path, bigWallet)
	// The newest 3,000 (the first 1,000 accepted ones in the wallet's
	// order) carry a 256×256 picture, decoded for their thumbnails.
	benchdata.FillPictures(b, path, benchdata.Picture(b), 3000)
	return path
}

// runtime runs Cmds concurrently, as Bubble Tea does, and hands their
// messages to the test goroutine in the order they arrive.
type cmdRunner struct {
	msgs chan tea.Msg
	wg   sync.WaitGroup
}

func newRunner() *cmdRunner { return &cmdRunner{msgs: make(chan tea.Msg, 64)} }

func (r *cmdRunner) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				r.run(c)
			}
			return
		}
		if msg != nil {
			r.msgs <- msg
		}
	}()
}

// drain waits for the Cmds still running, dropping their messages.
func (r *cmdRunner) drain() {
	done := make(chan struct{})
	go func() { r.wg.Wait(); close(done) }()
	for {
		select {
		case <-r.msgs:
		case <-done:
			return
		}
	}
}

// firstFrame starts the program over the wallet at path and returns once
// it draws the wallet's first rows; the runner still holds the Cmds that
// were not needed for it.
func firstFrame(b *testing.B, path string) (*App, *wallet.Wallet, *cmdRunner) {
	ctx := context.Background()
	w, err := wallet.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	svc := &common.Services{Wallet: w, IssuerDir: filepath.Dir(path), SaveDir: b.TempDir()}
	lipgloss.SetColorProfile(termenv.TrueColor)
	b.Cleanup(uitest.ASCII)
	a := New(ctx, svc)
	a.Update(tea.WindowSizeMsg{Width: uitest.Width, Height: uitest.Height})
	r := newRunner()
	r.run(a.Init())
	lp := a.pages[common.TabWallet].(*list.Model)
	for {
		_, cmd := a.Update(<-r.msgs)
		r.run(cmd)
		if _, ok := lp.Selected(); ok {
			break
		}
	}
	if v := a.View(); !strings.Contains(v, "1 of 33,333") && !strings.Contains(v, "1 of 33333") {
		b.Fatalf("first frame:\n%s", v)
	}
	return a, w, r
}

// BenchmarkStartToFirstFrame: open the wallet, learn it is not a first
// run, load the first page and draw it (the program's first full frame).
func BenchmarkStartToFirstFrame(b *testing.B) {
	path := bigWalletPath(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, w, r := firstFrame(b, path)
		b.StopTimer()
		r.drain()
		w.Close()
		b.StartTimer()
	}
}

// BenchmarkFilterKeystrokeFrame: one keystroke in the wallet's filter
// through the whole program (frame, header, page): Update and View. The
// query it starts runs in a Cmd (not here).
func BenchmarkFilterKeystrokeFrame(b *testing.B) {
	a, w, r := firstFrame(b, bigWalletPath(b))
	defer w.Close()
	r.drain()
	for _, k := range []string{"/", "P", "y", "t"} {
		a.Update(uitest.Key(k))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := "h"
		if i%2 == 1 {
			k = "backspace"
		}
		a.Update(uitest.Key(k))
		_ = a.View()
	}
}

// BenchmarkOpenWalletMemory reports the memory of the open program over
// the 100,000-badge wallet after its first frame and 500 rows scrolled:
// the Go heap in use and the process's resident set (SQLite's page cache
// included), in MB.
func BenchmarkOpenWalletMemory(b *testing.B) {
	path := bigWalletPath(b)
	var heap, rss float64
	for i := 0; i < b.N; i++ {
		a, w, r := firstFrame(b, path)
		for range 500 {
			_, cmd := a.Update(uitest.Key("down"))
			r.run(cmd)
			for len(r.msgs) > 0 {
				_, cmd := a.Update(<-r.msgs)
				r.run(cmd)
			}
			_ = a.View()
		}
		r.drain()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = float64(ms.HeapInuse) / 1e6
		rss = residentMB(b)
		w.Close()
	}
	b.ReportMetric(heap, "heap-MB")
	b.ReportMetric(rss, "RSS-MB")
}

// residentMB is this process's resident set size (VmRSS), in MB.
func residentMB(b *testing.B) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				b.Fatal(err)
			}
			return float64(kb) * 1024 / 1e6
		}
	}
	b.Fatal("no VmRSS")
	return 0
}
