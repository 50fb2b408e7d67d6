# Written by graft: everything this file declared served the dropped Kafka (see graft-report.json)
