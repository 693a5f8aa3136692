# facsim-viewer screenshot smoke test: opens the real window under Xvfb (lavapipe presents),
# runs five frames of the mail.open_email oracle and writes the presented image as PNG.
# Included from tests/CMakeLists.txt; only when the viewer is built.
if(TARGET facsim-viewer)
  add_test(NAME viewer_screenshot
           COMMAND xvfb-run -a -s "-screen 0 1920x1080x24" $<TARGET_FILE:facsim-viewer>
                   --task mail.open_email --seed 3 --frames 5 --oracle
                   --screenshot ${CMAKE_BINARY_DIR}/viewer_shot.png)
  set_tests_properties(viewer_screenshot PROPERTIES TIMEOUT 120)
endif()
