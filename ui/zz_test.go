package ui

import (
	"io"
	"testing"
	"time"

	"badgewallet/ui/uitest"
)

func TestZZ(t *testing.T) {
	w := uitest.Wallet(t)
	svc := uitest.Services(t, w, nil)
	a := newApp(svc)
	tm := start(t, a, 100, 30)
	uitest.WaitFor(t, tm, "Welcome to badgewallet")
	typeText(tm, "learner@example.com")
	tm.Send(uitest.Key("enter"))
	tm.Send(uitest.Key("enter"))
	time.Sleep(3 * time.Second)
	b, _ := io.ReadAll(tm.Output())
	t.Logf("%q", b)
}
