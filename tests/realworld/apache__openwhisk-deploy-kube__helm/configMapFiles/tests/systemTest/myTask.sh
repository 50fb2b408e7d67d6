#
# Licensed to the Apache Software Foundation (ASF) under one or more
# contributor license agreements.  See the NOTICE file distributed with
# this work for additional information regarding copyright ownership.
# The ASF licenses this file to You under the Apache License, Version 2.0
# (the "License"); you may not use this file except in compliance with
# the License.  You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#

set -ex

# Clone openwhisk repo at specified tag to get test suite
git clone -q https://github.com/apache/openwhisk openwhisk
cd /openwhisk
git checkout $OW_GIT_TAG_OPENWHISK

# compile test suite
./gradlew --console=plain compileTestScala tests:buildArtifacts

# run tests:testSystemKCF
./gradlew --console=plain :tests:testSystemKCF -Dwhisk.auth="$WSK_AUTH" -Dwhisk.server=$WSK_API_HOST_URL -Dopenwhisk.home=/openwhisk

echo "PASSED! Successfully executed tests:testSystemKCF"
