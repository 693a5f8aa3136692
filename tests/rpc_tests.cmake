# The rpc test binary; included from tests/CMakeLists.txt.
add_executable(test_rpc test_rpc.cpp)
target_link_libraries(test_rpc PRIVATE facsim_rpc facsim_sim facsim_renderer Boost::headers
  GTest::gtest_main facsim_warnings)
gtest_discover_tests(test_rpc DISCOVERY_TIMEOUT 60)

# The stdlib Python client (rpc/python) against a real `facsim serve`.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME python_client
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test_python_client.py
            $<TARGET_FILE:facsim> ${PROJECT_SOURCE_DIR}/rpc/python)
  set_tests_properties(python_client PROPERTIES TIMEOUT 60)
  # OpenEnv's /ws with a client written from the protocol (Debian's python3-websockets).
  add_test(NAME openenv_python_client
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test_openenv.py $<TARGET_FILE:facsim>)
  set_tests_properties(openenv_python_client PROPERTIES TIMEOUT 60)
  # The client's VectorEnv (Debian's python3-numpy) over POST /batch/step and /batch/reset.
  add_test(NAME vector_env
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test_vector_env.py $<TARGET_FILE:facsim>
            ${PROJECT_SOURCE_DIR}/rpc/python $<TARGET_FILE:facsim_capi>)
  set_tests_properties(vector_env PROPERTIES TIMEOUT 120)
endif()

# Clients from npm (./dev setup installs them in tests/node): the official MCP TypeScript SDK
# against `facsim mcp` (stdio) and `facsim serve` (/mcp), and ws against OpenEnv's /ws.
find_program(NODE_EXECUTABLE node)
if(NODE_EXECUTABLE)
  add_test(NAME mcp_sdk_client
    COMMAND ${NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/node/mcp_client.mjs $<TARGET_FILE:facsim>)
  set_tests_properties(mcp_sdk_client PROPERTIES TIMEOUT 120)
  add_test(NAME openenv_ws_client
    COMMAND ${NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/node/openenv_client.mjs $<TARGET_FILE:facsim>)
  set_tests_properties(openenv_ws_client PROPERTIES TIMEOUT 60)
  # The MCP conformance suite (npm) on the scenarios that apply to facsim's server.
  add_test(NAME mcp_conformance
    COMMAND ${NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/node/mcp_conformance.mjs $<TARGET_FILE:facsim>)
  set_tests_properties(mcp_conformance PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)
endif()
