import JBPModel
// Exercises, submissions and grades: see ../shared/spec/exercises.md. (Being written.)
