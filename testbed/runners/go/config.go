package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/oauth"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// optionsFromEnv builds client options from KAFKA_* variables only.
func optionsFromEnv() ([]kgo.Opt, error) {
	servers := os.Getenv("KAFKA_BOOTSTRAP_SERVERS")
	if servers == "" {
		return nil, fmt.Errorf("KAFKA_BOOTSTRAP_SERVERS must be set")
	}
	opts := []kgo.Opt{
		kgo.SeedBrokers(strings.Split(servers, ",")...),
		kgo.ClientID("graft-runner-go"),
		kgo.AllowAutoTopicCreation(),
		kgo.WithLogger(logger),
	}
	tlsConf, err := tlsFromEnv()
	if err != nil {
		return nil, err
	}
	protocol := strings.ToUpper(os.Getenv("KAFKA_SECURITY_PROTOCOL"))
	if strings.HasSuffix(protocol, "SSL") {
		opts = append(opts, kgo.DialTLSConfig(tlsConf))
	}
	if strings.HasPrefix(protocol, "SASL_") || os.Getenv("KAFKA_SASL_MECHANISM") != "" {
		mech, err := saslFromEnv(tlsConf)
		if err != nil {
			return nil, err
		}
		opts = append(opts, kgo.SASL(mech))
	}
	return opts, nil
}

func tlsFromEnv() (*tls.Config, error) {
	conf := &tls.Config{MinVersion: tls.VersionTLS12}
	if ca := os.Getenv("KAFKA_SSL_CA_FILE"); ca != "" {
		pem, err := os.ReadFile(ca)
		if err != nil {
			return nil, err
		}
		conf.RootCAs = x509.NewCertPool()
		if !conf.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: no PEM certificates found", ca)
		}
	}
	// the same as PEM content, for a platform that injects secrets only as variables (ECS)
	if pem := os.Getenv("KAFKA_SSL_CA_PEM"); pem != "" && conf.RootCAs == nil {
		conf.RootCAs = x509.NewCertPool()
		if !conf.RootCAs.AppendCertsFromPEM([]byte(pem)) {
			return nil, fmt.Errorf("KAFKA_SSL_CA_PEM: no PEM certificates found")
		}
	}
	if cert := os.Getenv("KAFKA_SSL_CERT_FILE"); cert != "" {
		pair, err := tls.LoadX509KeyPair(cert, os.Getenv("KAFKA_SSL_KEY_FILE"))
		if err != nil {
			return nil, err
		}
		conf.Certificates = []tls.Certificate{pair}
	} else if cert := os.Getenv("KAFKA_SSL_CERT_PEM"); cert != "" {
		pair, err := tls.X509KeyPair([]byte(cert), []byte(os.Getenv("KAFKA_SSL_KEY_PEM")))
		if err != nil {
			return nil, err
		}
		conf.Certificates = []tls.Certificate{pair}
	}
	return conf, nil
}

func saslFromEnv(tlsConf *tls.Config) (sasl.Mechanism, error) {
	mechanism := strings.ToUpper(os.Getenv("KAFKA_SASL_MECHANISM"))
	if mechanism == "OAUTHBEARER" {
		return oauth.Oauth(func(ctx context.Context) (oauth.Auth, error) {
			token, err := fetchToken(ctx, tlsConf)
			return oauth.Auth{Token: token}, err
		}), nil
	}
	user, err := readSecret("KAFKA_SASL_USERNAME")
	if err != nil {
		return nil, err
	}
	pass, err := readSecret("KAFKA_SASL_PASSWORD")
	if err != nil {
		return nil, err
	}
	switch mechanism {
	case "PLAIN":
		return plain.Auth{User: user, Pass: pass}.AsMechanism(), nil
	case "SCRAM-SHA-256":
		return scram.Auth{User: user, Pass: pass}.AsSha256Mechanism(), nil
	case "SCRAM-SHA-512":
		return scram.Auth{User: user, Pass: pass}.AsSha512Mechanism(), nil
	}
	return nil, fmt.Errorf("unsupported KAFKA_SASL_MECHANISM %q", mechanism)
}

// errTokenRejected marks a token endpoint's refusal (bad client credentials), which no retry fixes.
var errTokenRejected = errors.New("token request rejected")

// fetchToken runs the OAuth 2 client-credentials grant against KAFKA_OAUTH_TOKEN_ENDPOINT.
func fetchToken(ctx context.Context, tlsConf *tls.Config) (string, error) {
	secret, err := readSecret("KAFKA_OAUTH_CLIENT_SECRET")
	if err != nil {
		return "", err
	}
	form := url.Values{"grant_type": {"client_credentials"}}
	if scope := os.Getenv("KAFKA_OAUTH_SCOPE"); scope != "" {
		form.Set("scope", scope)
	}
	endpoint := os.Getenv("KAFKA_OAUTH_TOKEN_ENDPOINT")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(url.QueryEscape(os.Getenv("KAFKA_OAUTH_CLIENT_ID")), url.QueryEscape(secret))
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: tlsConf.Clone(), DialContext: (&net.Dialer{}).DialContext,
	}}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("token endpoint: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		err := fmt.Errorf("token endpoint %s answered %d: %s", endpoint, resp.StatusCode, body)
		if resp.StatusCode >= 400 && resp.StatusCode < 500 {
			err = fmt.Errorf("%w: %w", errTokenRejected, err)
		}
		return "", err
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		return "", fmt.Errorf("token endpoint %s returned no access_token: %s", endpoint, body)
	}
	return tok.AccessToken, nil
}
