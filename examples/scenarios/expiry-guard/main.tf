# A guard rail: refuse a token that would expire within the next hour, for
# example when a saved plan is applied long after it was made.
terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

provider "wix" {}

ephemeral "wix_access_token" "site" {
  lifecycle {
    postcondition {
      condition     = timecmp(self.expires_at, timeadd(plantimestamp(), "1h")) > 0
      error_message = "The Wix token expires within an hour (at ${self.expires_at}); run plan again."
    }
  }
}
