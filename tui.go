package main

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"badgewallet/ui"
	"badgewallet/ui/common"
	"badgewallet/wallet"
	"badgewallet/wallet/clipboard"
)

// runTUI opens the terminal UI over w. The embedded demo issuer lives
// beside the wallet database; exports are saved in the current folder;
// copies go to the system clipboard, else through OSC 52 to the terminal.
func runTUI(ctx context.Context, w *wallet.Wallet, dbPath string) error {
	saveDir, err := os.Getwd()
	if err != nil {
		saveDir = filepath.Dir(dbPath)
	}
	tty, done := terminalOut()
	defer done()
	svc := &common.Services{
		Wallet:    w,
		IssuerDir: filepath.Dir(dbPath),
		Copier:    clipboard.Copier{Out: tty},
		SaveDir:   saveDir,
		Now:       time.Now,
	}
	return ui.Run(ctx, svc)
}
