package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// errorLogger logs warnings to stderr and remembers the last client error, so a timeout can say why.
// franz-go retries failed authentication forever, so fatal errors also stop the run through onFatal.
type errorLogger struct {
	kgo.Logger
	mu      sync.Mutex
	last    string
	onFatal func(error)
}

// isFatal reports errors that retrying cannot fix: bad credentials, missing ACLs, untrusted certificates.
func isFatal(err error) bool {
	var certErr *tls.CertificateVerificationError
	return errors.Is(err, kerr.SaslAuthenticationFailed) || errors.Is(err, kerr.TopicAuthorizationFailed) ||
		errors.Is(err, kerr.GroupAuthorizationFailed) || errors.Is(err, kerr.ClusterAuthorizationFailed) ||
		errors.Is(err, errTokenRejected) || errors.As(err, &certErr)
}

func newErrorLogger() *errorLogger {
	return &errorLogger{Logger: kgo.BasicLogger(os.Stderr, kgo.LogLevelWarn, nil)}
}

func (l *errorLogger) Log(level kgo.LogLevel, msg string, keyvals ...any) {
	for i := 0; i+1 < len(keyvals); i += 2 {
		err, ok := keyvals[i+1].(error)
		if keyvals[i] != "err" || !ok || err == nil {
			continue
		}
		l.mu.Lock()
		l.last = fmt.Sprintf("%s: %v", msg, err)
		onFatal := l.onFatal
		l.mu.Unlock()
		if onFatal != nil && isFatal(err) {
			onFatal(fmt.Errorf("%s: %w", msg, err))
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
