// The answer key of the course: see ../shared/spec/model.md. (Being written.)
