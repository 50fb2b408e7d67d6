variable "resource_group_name" {
  default = "testname"
}

variable "network_name" {
  default = "testname"
}

variable "cluster_name" {
  default = "testname"
}

variable "region" {
  default = "us-east-2"
}

variable "zones" {
  default = ["use2-az1", "use2-az2", "use2-az3"]
}

variable "cloud_provider" {
  default = "aws"
}

variable "throughput_tier" {
  default = "tier-1-aws-v2-arm"
}

variable "user_name" {
  default = "test-username"
}

variable "user_pw" {
  default = "password"
}

variable "user_password_wo" {
  description = "Write-only password for user (not stored in state)"
  type        = string
  default     = null
  sensitive   = true
}

variable "user_password_wo_version" {
  description = "Version number to trigger password update when using password_wo"
  type        = number
  default     = null
}

variable "mechanism" {
  default = "scram-sha-256"
}

variable "topic_name" {
  default = "test-topic"
}

variable "partition_count" {
  default = 3
}

variable "replication_factor" {
  default = 3
}

variable "schema_type" {
  description = "The type of schema (AVRO, JSON, PROTOBUF)"
  default     = "AVRO"
}

variable "cluster_enable_shadow_linking" {
  description = "Enable shadowlinking"
  type        = bool
  default     = true
}

variable "user_schema_definition" {
  description = "The AVRO schema definition for user data"
  default     = <<EOF
{
  "type": "record",
  "name": "User",
  "fields": [
    {
      "name": "id",
      "type": "int"
    },
    {
      "name": "name",
      "type": "string"
    },
    {
      "name": "email",
      "type": "string"
    },
    {
      "name": "created_at",
      "type": "long",
      "logicalType": "timestamp-millis"
    }
  ]
}
EOF
}

variable "user_event_schema_definition" {
  description = "The AVRO schema definition for user events that references the User schema"
  default     = <<EOF
{
  "type": "record",
  "name": "UserEvent",
  "fields": [
    {
      "name": "event_id",
      "type": "string"
    },
    {
      "name": "event_type",
      "type": {
        "type": "enum",
        "name": "EventType",
        "symbols": ["CREATED", "UPDATED", "DELETED"]
      }
    },
    {
      "name": "user",
      "type": "User"
    },
    {
      "name": "timestamp",
      "type": "long",
      "logicalType": "timestamp-millis"
    },
    {
      "name": "metadata",
      "type": ["null", {
        "type": "map",
        "values": "string"
      }],
      "default": null
    }
  ]
}
EOF
}

variable "product_schema_definition" {
  description = "The AVRO schema definition for product data with strict compatibility"
  default     = <<EOF
{
  "type": "record",
  "name": "Product",
  "fields": [
    {
      "name": "id",
      "type": "string"
    },
    {
      "name": "name",
      "type": "string"
    },
    {
      "name": "price",
      "type": {
        "type": "bytes",
        "logicalType": "decimal",
        "precision": 10,
        "scale": 2
      }
    },
    {
      "name": "category",
      "type": {
        "type": "enum",
        "name": "Category",
        "symbols": ["ELECTRONICS", "CLOTHING", "BOOKS", "HOME"]
      }
    },
    {
      "name": "description",
      "type": ["null", "string"],
      "default": null
    },
    {
      "name": "created_at",
      "type": "long",
      "logicalType": "timestamp-millis"
    }
  ]
}
EOF
}

variable "compatibility_level" {
  description = "The compatibility level for schema evolution (BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE)"
  default     = "FULL"
}

# Authored message-first with a package-relative type reference. Schema Registry
# canonicalizes protobuf on write (reorders the enum ahead of the message and
# fully-qualifies the type reference), so the stored body differs from this
# input. The provider must preserve this form to reach a clean plan.
variable "protobuf_schema_definition" {
  description = "The PROTOBUF schema definition used to exercise canonicalization round-trip"
  default     = <<EOF
syntax = "proto3";
package tfrp.acc.v1;

message Event {
  Status status = 1;
  string id = 2;
}

enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
}
EOF
}

variable "cluster_allow_deletion" {
  description = "Allow deletion of cluster resource"
  type        = bool
  default     = false
}

variable "user_allow_deletion" {
  description = "Allow deletion of user resource"
  type        = bool
  default     = true
}

variable "acl_allow_deletion" {
  description = "Allow deletion of ACL resources"
  type        = bool
  default     = true
}

variable "sr_acl_allow_deletion" {
  description = "Allow deletion of Schema Registry ACL resources"
  type        = bool
  default     = true
}

variable "role_name" {
  description = "Name of the role to create"
  default     = "developer"
}

variable "role_allow_deletion" {
  description = "Allow deletion of role resource"
  type        = bool
  default     = true
}

variable "cluster_tags" {
  description = "Tags applied to the redpanda_cluster resource. Mutated by acceptance tests to exercise the Update path on tags."
  type        = map(string)
  default = {
    "key" = "value"
  }
}

variable "topic_retention_ms" {
  description = "retention.ms entry on the redpanda_topic configuration map. Mutated by acceptance tests to exercise the Update path on topic configuration."
  type        = string
  default     = "604800000"
}

variable "topic_configuration" {
  description = "Full override of the redpanda_topic configuration map. When non-null, replaces the default {cleanup.policy, retention.ms} pair."
  type        = map(string)
  default     = null
}

variable "maintenance_day_of_week" {
  description = "Day of the cluster maintenance window."
  type        = string
  default     = "MONDAY"
}

variable "maintenance_hour_of_day" {
  description = "Hour (UTC) of the cluster maintenance window. Defaults to 0 (midnight) to exercise the zero-valued Optional+Computed leaf; mutated by acceptance tests to exercise the Update path."
  type        = number
  default     = 0
}

