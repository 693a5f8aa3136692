# The rpc test binary; included from tests/CMakeLists.txt.
add_executable(test_rpc test_rpc.cpp)
target_link_libraries(test_rpc PRIVATE facsim_rpc facsim_sim facsim_renderer Boost::headers
  GTest::gtest_main facsim_warnings)
gtest_discover_tests(test_rpc DISCOVERY_TIMEOUT 60)
