package openbadges

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

const ob3 = `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"name":"Cred",
"issuer":{"id":"did:key:z6Mk1","type":["Profile"],"name":"Contoso Learning","url":"https://contoso.example","email":"badges@contoso.example"},
"validFrom":"2026-03-14T00:00:00Z","validUntil":"2028-03-14T00:00:00Z",
"credentialSubject":{"type":["AchievementSubject"],
 "identifier":[{"type":"IdentityObject","identityHash":"sha256$abc","identityType":"emailAddress","hashed":true,"salt":"s"}],
 "achievement":{"id":"urn:ach:cf","type":["Achievement"],"name":"Cloud Fundamentals","description":"Knows the cloud",
  "criteria":{"narrative":"Pass **CL-900**"},"image":{"id":"https://contoso.example/cf.png","type":"Image"},
  "alignment":[{"type":["Alignment"],"targetName":"cloud concepts","targetUrl":"https://skills.example/cc","targetFramework":"Contoso Skills","targetCode":"CC1"}],
  "tag":["cloud","pricing"]},
 "result":[{"type":["Result"],"value":"870"}]},
"evidence":[{"id":"https://contoso.example/ev/1","type":["Evidence"],"name":"Exam"}]}`

func TestParseOB3(t *testing.T) {
	b, err := Parse([]byte(ob3))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ got, want string }{
		{string(b.Spec), "3.0"}, {string(b.Kind), "OpenBadgeCredential"}, {b.VCVersion, "2.0"},
		{b.Name, "Cloud Fundamentals"}, {b.Description, "Knows the cloud"}, {b.AchievementID, "urn:ach:cf"},
		{b.Issuer.Name, "Contoso Learning"}, {b.Issuer.Email, "badges@contoso.example"},
		{b.Recipient.Identity, "sha256$abc"}, {b.Recipient.Type, "emailAddress"}, {b.Recipient.Salt, "s"},
		{b.Criteria.Narrative, "Pass **CL-900**"}, {b.Image.ID, "https://contoso.example/cf.png"},
		{b.Alignments[0].Framework, "Contoso Skills"}, {b.Alignments[0].Code, "CC1"}, {strings.Join(b.Tags, ","), "cloud,pricing"},
		{b.Results[0].Value, "870"}, {b.Evidence[0].Name, "Exam"},
		{b.Issued.Format(time.DateOnly), "2026-03-14"}, {b.ValidUntil.Format(time.DateOnly), "2028-03-14"},
	}
	for i, w := range want {
		if w.got != w.want {
			t.Errorf("#%d: got %q, want %q", i, w.got, w.want)
		}
	}
	if !b.Recipient.Hashed || !b.IsBadge() {
		t.Errorf("hashed=%v isBadge=%v", b.Recipient.Hashed, b.IsBadge())
	}
}

func TestParseOB2Embedded(t *testing.T) {
	doc := `{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://e.org/a/1",
	"recipient":{"type":"email","hashed":false,"identity":"ann@example.com"},
	"badge":{"type":"BadgeClass","id":"https://e.org/bc","name":"Robotics","description":"Builds robots",
	  "image":"https://e.org/r.png","criteria":{"narrative":"Build one"},
	  "issuer":{"type":"Profile","id":"https://e.org/i","name":"E Org","url":"https://e.org","email":"x@e.org"},
	  "alignment":[{"targetName":"Engineering","targetUrl":"https://fw.example/eng"}],"tags":["robots"]},
	"verification":{"type":"hosted"},"issuedOn":"2016-12-31","expires":"2030-01-01T00:00:00+02:00","evidence":"https://e.org/work"}`
	b, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "Robotics" || b.Issuer.Name != "E Org" || b.Issuer.Linked || b.BadgeLinked || b.Criteria.Narrative != "Build one" ||
		b.Recipient.Identity != "ann@example.com" || b.Verification.Type != "hosted" || b.Evidence[0].ID != "https://e.org/work" ||
		b.ValidUntil != time.Date(2029, 12, 31, 22, 0, 0, 0, time.UTC) || b.Issued != time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC) ||
		b.Alignments[0].Name != "Engineering" || b.Tags[0] != "robots" {
		t.Fatalf("%+v", b)
	}
}

func jwt(header, payload string) string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(header)) + "." + e([]byte(payload)) + "." + e([]byte("sig"))
}

func TestParseVC11JWTClaims(t *testing.T) {
	payload := `{"iss":"https://issuer.example","jti":"urn:uuid:9","nbf":1262304000,"exp":1893456000,"sub":"did:example:me",
	"vc":{"@context":["https://www.w3.org/2018/credentials/v1","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
	"type":["VerifiableCredential","OpenBadgeCredential"],"credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a","name":"A"}}}}`
	b, err := Parse([]byte(jwt(`{"alg":"EdDSA","kid":"did:key:z6Mk#z6Mk"}`, payload)))
	if err != nil {
		t.Fatal(err)
	}
	if b.Form != FormVCJWT || b.VCVersion != "1.1" || b.Issuer.ID != "https://issuer.example" || b.ID != "urn:uuid:9" ||
		b.ValidFrom.Year() != 2010 || b.ValidUntil.Year() != 2030 || b.Recipient.SubjectID != "did:example:me" || b.JOSE["kid"] == nil {
		t.Fatalf("%+v", b)
	}
}

func TestParseErrors(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 65) + "1" + strings.Repeat("}", 65)
	okDeep := `{"@context":"https://w3id.org/openbadges/v2","type":"Criteria","x":` + strings.Repeat("[", 60) + strings.Repeat("]", 60) + "}"
	big := `{"@context":"https://w3id.org/openbadges/v2","type":"Criteria","narrative":"` + strings.Repeat("x", 2<<20) + `"}`
	tests := []struct {
		name, in string
		want     error
		msg      string
	}{
		{"empty", "  \n", ErrEmpty, "empty"},
		{"too deep", deep, ErrTooLarge, "deeper than 64"},
		{"too big", big, ErrTooLarge, "limit 2097152"},
		{"truncated", ob3[:200], ErrJSON, "truncated"},
		{"syntax", "{\n \"a\": ,}", ErrJSON, "line 2, column"},
		{"trailing", `{"a":1} {"b":2}`, ErrJSON, "extra data"},
		{"array", `[1,2]`, ErrStructure, "array"},
		{"no context", `{"name":"x"}`, ErrStructure, "no @context"},
		{"ob2 bad context", `{"@context":"https://example.org/ctx","type":"Assertion"}`, ErrStructure, "starts with"},
		{"ob2 unknown type", `{"@context":"https://w3id.org/openbadges/v2","type":"Nope"}`, ErrStructure, `"Nope"`},
		{"ob2 no recipient", `{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"urn:x"}`, ErrStructure, "recipient"},
		{"ob2 bad date", `{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"urn:x","recipient":{"type":"email","identity":"a"},"badge":"https://b","verification":{"type":"hosted"},"issuedOn":"yesterday"}`, ErrStructure, "issuedOn is not an ISO 8601"},
		{"ob2 hashed wrong type", `{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"urn:x","recipient":{"type":"email","identity":"a","hashed":"yes"}}`, ErrStructure, "hashed must be true or false"},
		{"vc no issuer", strings.Replace(ob3, `"issuer"`, `"issuerX"`, 1), ErrStructure, "issuer is missing"},
		{"vc issuer without id", strings.Replace(ob3, `"id":"did:key:z6Mk1",`, "", 1), ErrStructure, "issuer.id"},
		{"vc subject string", strings.Replace(ob3, `"credentialSubject":{`, `"credentialSubject":"x","y":{`, 1), ErrStructure, "credentialSubject must be an object"},
		{"vc wrong first context", strings.Replace(ob3, `"https://www.w3.org/ns/credentials/v2",`, "", 1), ErrStructure, "first context"},
		{"jws bad base64", "eyJhbGciOiJIUzI1NiJ9.!!!.c2ln", ErrUnknownFormat, ""},
		{"jws header not json", "eyJub3Rqc29u.eyJ9.c2ln", ErrJWS, "header"},
		{"jws no alg", jwt(`{"typ":"JWT"}`, `{}`), ErrJWS, "alg"},
		{"jws payload not object", jwt(`{"alg":"RS256"}`, `[1]`), ErrStructure, "array"},
		{"random", "hello world", ErrUnknownFormat, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("got %v, want %v containing %q", err, tc.want, tc.msg)
			}
		})
	}
	if _, err := Parse([]byte(okDeep)); err != nil {
		t.Fatalf("60 levels must pass: %v", err)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want Container
		err  error
	}{
		{"\x89PNG\r\n\x1a\nxxxx", ContainerPNG, nil},
		{"\xef\xbb\xbf  {\"a\":1}", ContainerJSON, nil},
		{"<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n<svg/>", ContainerSVG, nil},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", ContainerSVG, nil},
		{"<html></html>", "", ErrUnknownFormat},
		{"eyJhbGciOiJSUzI1NiJ9.eyJ9.c2ln\n", ContainerJWS, nil},
		{"https://example.org/assertion/1\n", ContainerURL, nil},
		{"", "", ErrEmpty},
		{"\x00\x01", "", ErrUnknownFormat},
		{"\x88PNG\r\n\x1a\n", "", ErrUnknownFormat},
	}
	for _, tc := range tests {
		got, err := Sniff([]byte(tc.in))
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("Sniff(%q) = %q, %v; want %q, %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestParseTimeForms(t *testing.T) {
	for in, want := range map[string]string{
		`"2016-12-31T23:59:59Z"`:        "2016-12-31T23:59:59Z",
		`"2016-12-31T23:59:59.5+01:00"`: "2016-12-31T22:59:59.5Z",
		`"2016-12-31T23:59:59"`:         "2016-12-31T23:59:59Z",
		`"2016-12-31"`:                  "2016-12-31T00:00:00Z",
		`"1483228799"`:                  "2016-12-31T23:59:59Z",
		`1483228799`:                    "2016-12-31T23:59:59Z",
	} {
		o, err := DefaultLimits().decodeObject([]byte(`{"d":` + in + `}`))
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseTime("d", o["d"])
		if err != nil || got.Format(time.RFC3339Nano) != want {
			t.Errorf("%s: got %v %v, want %s", in, got, err, want)
		}
	}
}
