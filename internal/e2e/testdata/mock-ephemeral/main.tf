# mock_provider and an ephemeral resource: Terraform refuses the mock, which
# the testing guide quotes; OpenTofu accepts it.
terraform {
  required_providers {
    wix = {
      source = "wixtf/wix"
    }
  }
}

ephemeral "wix_access_token" "site" {}
