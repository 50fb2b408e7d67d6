# Provisions the MSK Secret Association

