region = "us-east-2"

namespace = "eg"

environment = "ue2"

stage = "test"

name = "msk-test"

availability_zones = ["us-east-2a", "us-east-2b"]
