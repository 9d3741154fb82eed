mock_provider "wix" {}

run "mocked" {
  command = plan
}
