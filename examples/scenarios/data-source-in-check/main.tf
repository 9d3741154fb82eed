# For Terraform before 1.10: the data source, with a check block that warns
# when the token in state is close to expiry.
terraform {
  required_version = ">= 1.5"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

provider "wix" {}

data "wix_access_token" "site" {}

check "token_lifetime" {
  assert {
    condition     = timecmp(data.wix_access_token.site.expires_at, timeadd(plantimestamp(), "1h")) > 0
    error_message = "The Wix token in state expires within an hour; refresh before applying."
  }
}
