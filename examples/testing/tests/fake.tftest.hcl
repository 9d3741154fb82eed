# Everything real, against the fake Wix: start it with
#   wixfake -env-file wix.env   (then: set -a; . ./wix.env; set +a)
# and run `terraform test`. These are the IDs and names of its built-in
# fixtures; with -fixtures, use your own.
variables {
  instance_ids = [
    "aaaaaaaa-0000-4000-8000-000000000001",
    "aaaaaaaa-0000-4000-8000-000000000002",
  ]
}

run "sites_are_read" {
  command = plan

  assert {
    condition     = output.site_names["aaaaaaaa-0000-4000-8000-000000000001"] == "Fake site Demo Bakery"
    error_message = "The first site has the wrong name."
  }

  assert {
    condition     = output.published == { "aaaaaaaa-0000-4000-8000-000000000001" = true, "aaaaaaaa-0000-4000-8000-000000000002" = false }
    error_message = "Only the first site is published."
  }
}
