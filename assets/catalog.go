package assets

import "embed"

//go:embed catalog/*.json
var catalogFiles embed.FS

// DemoCatalog returns the embedded demo catalog (Contoso Learning), as JSON.
func DemoCatalog() ([]byte, error) {
	return catalogFiles.ReadFile("catalog/contoso.json")
}
