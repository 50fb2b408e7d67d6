package main

import (
	"fmt"
	"os"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
)

// errorLogger logs warnings to stderr and remembers the last client error, so a timeout can say why.
type errorLogger struct {
	kgo.Logger
	mu   sync.Mutex
	last string
}

func newErrorLogger() *errorLogger {
	return &errorLogger{Logger: kgo.BasicLogger(os.Stderr, kgo.LogLevelWarn, nil)}
}

func (l *errorLogger) Log(level kgo.LogLevel, msg string, keyvals ...any) {
	for i := 0; i+1 < len(keyvals); i += 2 {
		if keyvals[i] == "err" && keyvals[i+1] != nil {
			l.mu.Lock()
			l.last = fmt.Sprintf("%s: %v", msg, keyvals[i+1])
			l.mu.Unlock()
		}
	}
	l.Logger.Log(level, msg, keyvals...)
}

func (l *errorLogger) lastError() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last == "" {
		return "none"
	}
	return l.last
}
